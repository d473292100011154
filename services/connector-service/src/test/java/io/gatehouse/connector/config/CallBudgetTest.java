package io.gatehouse.connector.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The time budget of Fivetran calls against the limits that rely on it, with the production client settings. */
class CallBudgetTest {

    /** application.properties and the client's defaults: 2 attempts, 5 s connect + 30 s read, waits up to 2 s. */
    static final CallBudget PRODUCTION = new CallBudget(2, Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofSeconds(2));

    @Test
    void theWorstCallIsEveryAttemptTimingOutWithTheLongestWaitsBetween() {
        assertThat(PRODUCTION.worstCall()).isEqualTo(Duration.ofSeconds(72));
        assertThat(PRODUCTION.worstStep()).isEqualTo(Duration.ofSeconds(72 * CallBudget.CALLS_PER_STEP));
    }

    @Test
    void theDefaultsCoverIt() {
        assertThat(PRODUCTION.problems(Duration.ofMinutes(10), Duration.ofMinutes(10))).isEmpty();
    }

    @Test
    void aStepBudgetOrPollLeaseTooShortIsNamedWithTheCalculation() {
        assertThat(PRODUCTION.problems(Duration.ofMinutes(2), Duration.ofMinutes(2))).satisfiesExactly(
                step -> assertThat(step).startsWith("gatehouse.connector.worker.step-budget (PT2M) is shorter than")
                        .contains("PT6M", "2 attempt(s) of PT5S connect + PT30S read timeout"),
                poll -> assertThat(poll).startsWith("gatehouse.connector.poll.lease (PT2M) must be more than twice")
                        .contains("PT1M12S"));
    }
}
