package io.gatehouse.connector.domain;

import static io.gatehouse.connector.domain.ConnectorState.ACTIVATING;
import static io.gatehouse.connector.domain.ConnectorState.ACTIVE;
import static io.gatehouse.connector.domain.ConnectorState.BROKEN;
import static io.gatehouse.connector.domain.ConnectorState.CARD_ISSUED;
import static io.gatehouse.connector.domain.ConnectorState.CREATED;
import static io.gatehouse.connector.domain.ConnectorState.FAILED;
import static io.gatehouse.connector.domain.ConnectorState.PENDING;
import static io.gatehouse.connector.domain.LifecycleFixture.CONNECTION;
import static io.gatehouse.connector.domain.LifecycleFixture.LIFECYCLE;
import static io.gatehouse.connector.domain.LifecycleFixture.MAX_ATTEMPTS;
import static io.gatehouse.connector.domain.LifecycleFixture.NOW;
import static io.gatehouse.connector.domain.LifecycleFixture.REQUEST;
import static io.gatehouse.connector.domain.LifecycleFixture.VERSION;
import static io.gatehouse.connector.domain.LifecycleFixture.assertRefused;
import static io.gatehouse.connector.domain.LifecycleFixture.claimOf;
import static io.gatehouse.connector.domain.LifecycleFixture.request;
import static io.gatehouse.connector.domain.LifecycleFixture.withAttempts;
import static io.gatehouse.connector.domain.LifecycleFixture.withVersion;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.events.FailureStage;
import io.gatehouse.events.OnboardingFailed;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Plain unit test of the lifecycle's table of failed worker results: a transient failure backs the request off or,
 * after the last attempt, fails it at the stage of the claimed work; a refused API key backs off without end; a
 * permanent refusal fails it with Fivetran's words.
 */
class ConnectorLifecycleFailuresTest {

    // ---- transient failure (429, 5xx, a crash before our commit) ------------------------------------------------

    @Test
    void retryLaterPendingStaysPendingBackedOff() {
        RequestProgress pending = request(PENDING);
        Transition t = LIFECYCLE.retryLater(pending, claimOf(pending), "HTTP 502", Optional.empty(), NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, PENDING, null, null, null, false, 2, "HTTP 502",
                NOW.plusMillis(1500), VERSION));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void retryLaterActiveStaysActiveWithTablesDueBackedOffNoSoonerThanRetryAfter() {
        RequestProgress active = request(ACTIVE).withTablesDue(true);
        Transition t = LIFECYCLE.retryLater(active, claimOf(active), "HTTP 429", Optional.of(Duration.ofSeconds(30)),
                NOW);

        assertThat(t.next().state()).isEqualTo(ACTIVE);
        assertThat(t.next().tablesDue()).isTrue();
        assertThat(t.next().attempts()).isEqualTo(2);
        assertThat(t.next().nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void retryLaterPendingGivesUpToFailedPublishesOnboardingFailedCreateConnection() {
        assertGivesUp(PENDING, FailureStage.CREATE_CONNECTION);
    }

    @Test
    void retryLaterCreatedGivesUpToFailedPublishesOnboardingFailedConnectCard() {
        assertGivesUp(CREATED, FailureStage.CONNECT_CARD);
    }

    @Test
    void retryLaterActivatingGivesUpToFailedPublishesOnboardingFailedActivation() {
        assertGivesUp(ACTIVATING, FailureStage.ACTIVATION);
    }

    @Test
    void retryLaterActiveGivesUpToFailedPublishesOnboardingFailedSync() {
        assertGivesUp(ACTIVE, FailureStage.SYNC);
    }

    /** SetupCompleted moved the request on while the worker's call failed: the new work is due already. */
    @Test
    void retryLaterRefusedWhenTheStateMovedOnSinceTheClaim() {
        RequestProgress activating = withVersion(request(ACTIVATING), VERSION + 1);
        Claim claimed = claimOf(request(CARD_ISSUED));
        assertRefused(LIFECYCLE.retryLater(activating, claimed, "HTTP 502", Optional.empty(), NOW), activating, "claimed in CARD_ISSUED (version 7), now ACTIVATING (version 8)");
    }

    /** A successful sync asked for the tables again while the worker's call failed: that work is due already. */
    @Test
    void retryLaterRefusedWhenAnEventTouchedTheRowSinceTheClaim() {
        RequestProgress touched = withVersion(request(ACTIVE).withTablesDue(true), VERSION + 1);
        assertRefused(LIFECYCLE.retryLater(touched, claimOf(request(ACTIVE)), "HTTP 502", Optional.empty(), NOW),
                touched, "claimed in ACTIVE (version 7), now ACTIVE (version 8)");
    }

    /** ConnectorBroken arrived while the worker's call failed: the request waits in BROKEN, not on a retry. */
    @Test
    void retryLaterRefusedWhenBrokenSinceTheClaim() {
        RequestProgress broken = withVersion(request(BROKEN), VERSION + 1);
        assertRefused(LIFECYCLE.retryLater(broken, claimOf(request(ACTIVE)), "HTTP 502", Optional.empty(), NOW),
                broken, "claimed in ACTIVE (version 7), now BROKEN (version 8)");
    }

    // ---- our API key refused while reading the schema (401/403) -------------------------------------------------

    @Test
    void credentialsRefusedActiveStaysActiveWithTablesDueBackedOff() {
        RequestProgress active = request(ACTIVE).withTablesDue(true);
        Transition t = LIFECYCLE.credentialsRefused(active, claimOf(active), "HTTP 401", NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVE, CONNECTION, active.cardUri(),
                active.cardExpiresAt(), true, 2, "HTTP 401", NOW.plusMillis(1500), VERSION));
        assertThat(t.publish()).isEmpty();
    }

    /** Unlike a transient failure, a refused key never gives up: the key gets fixed, the request is not at fault. */
    @Test
    void credentialsRefusedPastTheLastAttemptStillBacksOffAndNeverFails() {
        RequestProgress lastTry = withAttempts(request(ACTIVE).withTablesDue(true), MAX_ATTEMPTS + 5);
        Transition t = LIFECYCLE.credentialsRefused(lastTry, claimOf(lastTry), "HTTP 403", NOW);

        assertThat(t.next().state()).isEqualTo(ACTIVE);
        assertThat(t.next().tablesDue()).isTrue();
        assertThat(t.next().attempts()).isEqualTo(MAX_ATTEMPTS + 6);
        assertThat(t.next().nextAttemptAt()).isAfter(NOW);
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void credentialsRefusedRefusedWhenAnEventTouchedTheRowSinceTheClaim() {
        RequestProgress touched = withVersion(request(ACTIVE).withTablesDue(true), VERSION + 1);
        assertRefused(LIFECYCLE.credentialsRefused(touched, claimOf(request(ACTIVE)), "HTTP 401", NOW), touched,
                "claimed in ACTIVE (version 7), now ACTIVE (version 8)");
    }

    @Test
    void credentialsRefusedRefusedWhenBrokenSinceTheClaim() {
        RequestProgress broken = withVersion(request(BROKEN), VERSION + 1);
        assertRefused(LIFECYCLE.credentialsRefused(broken, claimOf(request(ACTIVE)), "HTTP 401", NOW), broken,
                "claimed in ACTIVE (version 7), now BROKEN (version 8)");
    }

    // ---- permanent failure (Fivetran refused) -------------------------------------------------------------------

    @Test
    void failedPendingToFailedPublishesOnboardingFailedCreateConnection() {
        RequestProgress pending = request(PENDING);
        Transition t = LIFECYCLE.failed(pending, claimOf(pending), "NotFound_Group", "Group 'x' not found");

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, FAILED, null, null, null, false, 1,
                "Group 'x' not found", null, VERSION));
        assertThat(t.publish()).containsExactly(new OnboardingFailed(REQUEST, null, FailureStage.CREATE_CONNECTION,
                "NotFound_Group", "Group 'x' not found"));
    }

    @Test
    void failedCreatedToFailedPublishesOnboardingFailedConnectCard() {
        assertFails(CREATED, FailureStage.CONNECT_CARD);
    }

    @Test
    void failedActivatingToFailedPublishesOnboardingFailedActivation() {
        assertFails(ACTIVATING, FailureStage.ACTIVATION);
    }

    @Test
    void failedActiveWithTablesDueToFailedPublishesOnboardingFailedSync() {
        RequestProgress active = request(ACTIVE).withTablesDue(true);
        Transition t = LIFECYCLE.failed(active, claimOf(active), "NotFound_SchemaConfig", "no schema config");

        assertThat(t.next().state()).isEqualTo(FAILED);
        assertThat(t.next().tablesDue()).isFalse();
        assertThat(t.next().nextAttemptAt()).isNull();
        assertThat(t.publish()).containsExactly(new OnboardingFailed(REQUEST, CONNECTION, FailureStage.SYNC,
                "NotFound_SchemaConfig", "no schema config"));
    }

    @Test
    void failedWithoutAReasonPublishesNoReasonGiven() {
        RequestProgress created = request(CREATED);
        Transition t = LIFECYCLE.failed(created, claimOf(created), "InvalidInput", " ");

        assertThat(t.publish()).containsExactly(new OnboardingFailed(REQUEST, CONNECTION, FailureStage.CONNECT_CARD,
                "InvalidInput", "no reason given"));
    }

    @Test
    void failedCutsALongReasonToTheErrorColumnInRowAndEvent() {
        RequestProgress created = request(CREATED);
        Transition t = LIFECYCLE.failed(created, claimOf(created), "InvalidInput", "y".repeat(2500));

        assertThat(t.next().lastError()).isEqualTo("y".repeat(2000));
        assertThat(((OnboardingFailed) t.publish().get(0)).reason()).isEqualTo("y".repeat(2000));
    }

    @Test
    void failedRefusedWhenTheStateMovedOnSinceTheClaim() {
        RequestProgress activating = request(ACTIVATING);
        assertRefused(LIFECYCLE.failed(activating, claimOf(request(CREATED)), "Conflict", "taken"), activating,
                "claimed in CREATED (version 7), now ACTIVATING (version 7)");
    }

    @Test
    void failedRefusedWhenBrokenSinceTheClaim() {
        RequestProgress broken = withVersion(request(BROKEN), VERSION + 1);
        assertRefused(LIFECYCLE.failed(broken, claimOf(request(ACTIVE)), "NotFound_SchemaConfig", "gone"), broken,
                "claimed in ACTIVE (version 7), now BROKEN (version 8)");
    }

    @Test
    void failedRefusedWhenAlreadyFailed() {
        RequestProgress failed = request(FAILED);
        assertRefused(LIFECYCLE.failed(failed, claimOf(failed), "Conflict", "taken"), failed,
                "claimed in FAILED (version 7), now FAILED (version 7)");
    }

    private static void assertGivesUp(ConnectorState state, FailureStage stage) {
        RequestProgress lastTry = withAttempts(request(state), MAX_ATTEMPTS - 1);
        Transition t = LIFECYCLE.retryLater(lastTry, claimOf(lastTry), "HTTP 503", Optional.empty(), NOW);

        String reason = "gave up after 3 attempts; last error: HTTP 503";
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, FAILED, lastTry.connectionId(), lastTry.cardUri(),
                lastTry.cardExpiresAt(), false, MAX_ATTEMPTS, reason, null, VERSION));
        assertThat(t.publish()).containsExactly(
                new OnboardingFailed(REQUEST, lastTry.connectionId(), stage, null, reason));
    }

    private static void assertFails(ConnectorState state, FailureStage stage) {
        RequestProgress claimed = request(state);
        Transition t = LIFECYCLE.failed(claimed, claimOf(claimed), "Conflict", "Fivetran says no");

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, FAILED, CONNECTION, claimed.cardUri(),
                claimed.cardExpiresAt(), false, 1, "Fivetran says no", null, VERSION));
        assertThat(t.publish()).containsExactly(new OnboardingFailed(REQUEST, CONNECTION, stage, "Conflict",
                "Fivetran says no"));
    }
}
