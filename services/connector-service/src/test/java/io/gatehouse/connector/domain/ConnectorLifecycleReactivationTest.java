package io.gatehouse.connector.domain;

import static io.gatehouse.connector.domain.ConnectorState.ACTIVE;
import static io.gatehouse.connector.domain.ConnectorState.BROKEN;
import static io.gatehouse.connector.domain.ConnectorState.FAILED;
import static io.gatehouse.connector.domain.ConnectorState.REACTIVATING;
import static io.gatehouse.connector.domain.LifecycleFixture.CARD;
import static io.gatehouse.connector.domain.LifecycleFixture.CARD_EXPIRES;
import static io.gatehouse.connector.domain.LifecycleFixture.CONNECTION;
import static io.gatehouse.connector.domain.LifecycleFixture.LIFECYCLE;
import static io.gatehouse.connector.domain.LifecycleFixture.MAX_ATTEMPTS;
import static io.gatehouse.connector.domain.LifecycleFixture.NOW;
import static io.gatehouse.connector.domain.LifecycleFixture.REQUEST;
import static io.gatehouse.connector.domain.LifecycleFixture.VERSION;
import static io.gatehouse.connector.domain.LifecycleFixture.assertRefused;
import static io.gatehouse.connector.domain.LifecycleFixture.claimOf;
import static io.gatehouse.connector.domain.LifecycleFixture.reactivating;
import static io.gatehouse.connector.domain.LifecycleFixture.request;
import static io.gatehouse.connector.domain.LifecycleFixture.withAttempts;
import static io.gatehouse.connector.domain.LifecycleFixture.withVersion;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.events.ConnectorInterrupted;
import io.gatehouse.events.ConnectorRecovered;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Plain unit test of the reactivation's worker results: the connection found connected (ACTIVE) or not (BROKEN), a
 * transient failure (never gives up), our key refused, and a refusal for good (back to where it was).
 */
class ConnectorLifecycleReactivationTest {

    // ---- connected -------------------------------------------------------------------------------------------

    @Test
    void reactivatedFromBrokenToActiveWithTablesDueNowPublishesConnectorRecovered() {
        RequestProgress current = reactivating(BROKEN);
        Transition t = LIFECYCLE.reactivated(current, NOW);

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVE, CONNECTION, CARD, CARD_EXPIRES, true, 0,
                null, NOW, VERSION));
        assertThat(t.publish()).containsExactly(new ConnectorRecovered(REQUEST, CONNECTION, "reactivation"));
    }

    @Test
    void reactivatedFromFailedToActiveWithTablesDueNowPublishesConnectorRecovered() {
        Transition t = LIFECYCLE.reactivated(reactivating(FAILED), NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVE, CONNECTION, CARD, CARD_EXPIRES, true, 0,
                null, NOW, VERSION));
        assertThat(t.publish()).containsExactly(new ConnectorRecovered(REQUEST, CONNECTION, "reactivation"));
    }

    /** A sync healed the request while Fivetran was read: it is ACTIVE already, nothing more to tell. */
    @Test
    void reactivatedRefusedWhenNoLongerReactivating() {
        assertRefused(LIFECYCLE.reactivated(request(ACTIVE), NOW), request(ACTIVE), "ACTIVE");
    }

    // ---- not connected ---------------------------------------------------------------------------------------

    /** The break was told when the request entered BROKEN: it waits there again, quietly, with Fivetran's state. */
    @Test
    void stillDisconnectedFromBrokenBackToBrokenNothingDuePublishesNothing() {
        Transition t = LIFECYCLE.stillDisconnected(reactivating(BROKEN), "broken");

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, BROKEN, CONNECTION, CARD, CARD_EXPIRES, false, 0,
                "setup_state broken", null, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void stillDisconnectedFromFailedToBrokenNothingDuePublishesConnectorInterrupted() {
        Transition t = LIFECYCLE.stillDisconnected(reactivating(FAILED), "incomplete");

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, BROKEN, CONNECTION, CARD, CARD_EXPIRES, false, 0,
                "setup_state incomplete", null, VERSION));
        assertThat(t.publish()).containsExactly(new ConnectorInterrupted(REQUEST, CONNECTION,
                "setup_state incomplete"));
    }

    @Test
    void stillDisconnectedRefusedWhenNoLongerReactivating() {
        assertRefused(LIFECYCLE.stillDisconnected(request(ACTIVE), "incomplete"), request(ACTIVE), "ACTIVE");
    }

    // ---- Fivetran away, our key refused, refused for good --------------------------------------------------------

    @Test
    void retryLaterReactivatingStaysReactivatingBackedOffNoSoonerThanRetryAfter() {
        RequestProgress current = reactivating(BROKEN);
        Transition t = LIFECYCLE.retryLater(current, claimOf(current), "HTTP 429", Optional.of(Duration.ofSeconds(5)),
                NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, REACTIVATING, CONNECTION, CARD, CARD_EXPIRES,
                false, 2, "HTTP 429", NOW.plusSeconds(5), VERSION, BROKEN));
        assertThat(t.publish()).isEmpty();
    }

    /** An outage never fails a reactivation: past the last attempt it still backs off. */
    @Test
    void retryLaterReactivatingPastTheLastAttemptStillBacksOffAndNeverFails() {
        RequestProgress current = withAttempts(reactivating(FAILED), MAX_ATTEMPTS + 5);
        Transition t = LIFECYCLE.retryLater(current, claimOf(current), "HTTP 503", Optional.empty(), NOW);

        assertThat(t.next().state()).isEqualTo(REACTIVATING);
        assertThat(t.next().reactivatingFrom()).isEqualTo(FAILED);
        assertThat(t.next().attempts()).isEqualTo(MAX_ATTEMPTS + 6);
        assertThat(t.next().nextAttemptAt()).isAfter(NOW);
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void credentialsRefusedReactivatingStaysReactivatingBackedOff() {
        RequestProgress current = reactivating(BROKEN);
        Transition t = LIFECYCLE.credentialsRefused(current, claimOf(current), "HTTP 401", NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, REACTIVATING, CONNECTION, CARD, CARD_EXPIRES,
                false, 2, "HTTP 401", NOW.plusMillis(1500), VERSION, BROKEN));
        assertThat(t.publish()).isEmpty();
    }

    /** Fivetran refused the read for good (the connection is gone): nothing changes but the last error. */
    @Test
    void failedReactivatingFromBrokenBackToBrokenKeepingFivetransWordsPublishesNothing() {
        RequestProgress current = reactivating(BROKEN);
        Transition t = LIFECYCLE.failed(current, claimOf(current), "NotFound_Connection", "Connection not found");

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, BROKEN, CONNECTION, CARD, CARD_EXPIRES, false, 0,
                "reactivation refused by Fivetran: NotFound_Connection: Connection not found", null, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void failedReactivatingFromFailedBackToFailedPublishesNothing() {
        RequestProgress current = reactivating(FAILED);
        Transition t = LIFECYCLE.failed(current, claimOf(current), "NotFound_Connection", "Connection not found");

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, FAILED, CONNECTION, CARD, CARD_EXPIRES, false, 0,
                "reactivation refused by Fivetran: NotFound_Connection: Connection not found", null, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    /** A sync recorded while Fivetran was read (a new version): the retry is the due work's, not this result's. */
    @Test
    void retryLaterRefusedWhenAnEventTouchedTheRowSinceTheClaim() {
        RequestProgress touched = withVersion(reactivating(BROKEN), VERSION + 1);
        assertRefused(LIFECYCLE.retryLater(touched, claimOf(reactivating(BROKEN)), "HTTP 502", Optional.empty(), NOW),
                touched, "claimed in REACTIVATING (version 7), now REACTIVATING (version 8)");
    }
}
