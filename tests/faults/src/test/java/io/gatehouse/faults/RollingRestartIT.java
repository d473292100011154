package io.gatehouse.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.events.Topics;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.process.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Order;

/**
 * A rolling deploy: two grant-service instances share the work while joins stream in, and each is stopped
 * gracefully (SIGTERM) and started again in turn. The records an instance had fetched when it began to stop are
 * neither half-applied nor dead-lettered: the other instance takes the partitions over and applies them once. On the
 * shared many-instances stack (its grant-service pair), with a business and logins of its own.
 */
@Order(5)
@Isolated("the shared many-instances stack: alone, like ManyInstancesIT")
@ExtendWith(SharedManyInstances.class)
class RollingRestartIT {

    private static final int BATCH = 150;
    private static GrantStack stack;
    private static ServiceProcess second;

    @BeforeAll
    static void start(ManyInstancesStack shared) {
        stack = shared.grant;
        second = stack.grants.get(1);
    }

    @Test
    void aRollingRestartUnderAStreamOfJoinsDeadLettersNothingAndAppliesEachJoinOnce() throws Exception {
        List<String> people = GrantStack.logins("R", 3 * BATCH);
        stack.users(people);
        stack.publishTable("ROLLING", "FACTS", "rolling_facts", "rolling");
        // a warehouse's round trip, so joins are still in flight when each instance is stopped
        Duration latencyBefore = stack.snowflake.statementLatency();
        stack.snowflake.setStatementLatency(Duration.ofMillis(20));

        joins(people.subList(0, BATCH));
        Awaits.until(Duration.ofMinutes(2), () -> stack.members("rolling").size() >= BATCH / 4);
        stopWhileJoinsArrive(stack.grant, people.subList(BATCH, 2 * BATCH));
        stack.grant.restart().awaitReady(Duration.ofSeconds(120));

        stopWhileJoinsArrive(second, people.subList(2 * BATCH, 3 * BATCH));
        second.restart().awaitReady(Duration.ofSeconds(120));

        Duration drained = Awaits.until(Duration.ofMinutes(5), () -> stack.members("rolling").size() == people.size());
        stack.snowflake.setStatementLatency(latencyBefore);
        RecoveryTimes.record("grant-service rolling restart, 2 instances, SIGTERM each", Duration.ZERO,
                people.size() + " joins", drained);

        assertThat(stack.members("rolling")).containsExactlyInAnyOrderElementsOf(people);
        assertThat(stack.deadLetters()).as("records dead-lettered by a graceful stop").isZero();
        assertThat(KafkaEvents.recordsWithin(stack.companion, Topics.deadLetter(Topics.IDENTITY), r -> true, Duration.ofSeconds(2)))
                .as("records on the identity DLQ").isEmpty();
        assertThat(stack.auditedTwiceForOneEvent("GH_USER_R_")).as("a join applied twice").isEmpty();
    }

    /** SIGTERM (waiting for the process to end) while a batch of joins is being sent, so the instance stops mid-batch. */
    private static void stopWhileJoinsArrive(ServiceProcess instance, List<String> logins) throws InterruptedException {
        Thread sender = new Thread(() -> joins(logins), "joins");
        sender.start();
        instance.close();
        sender.join();
    }

    private static void joins(List<String> logins) {
        logins.forEach(login -> stack.send(new UserJoinedBusiness("u-" + login, login, "rolling"), Instant.now()));
    }
}
