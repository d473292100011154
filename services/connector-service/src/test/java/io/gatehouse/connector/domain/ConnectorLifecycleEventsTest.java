package io.gatehouse.connector.domain;

import static io.gatehouse.connector.domain.ConnectorState.ACTIVATING;
import static io.gatehouse.connector.domain.ConnectorState.ACTIVE;
import static io.gatehouse.connector.domain.ConnectorState.BROKEN;
import static io.gatehouse.connector.domain.ConnectorState.CARD_ISSUED;
import static io.gatehouse.connector.domain.ConnectorState.CREATED;
import static io.gatehouse.connector.domain.ConnectorState.FAILED;
import static io.gatehouse.connector.domain.ConnectorState.PENDING;
import static io.gatehouse.connector.domain.LifecycleFixture.CARD;
import static io.gatehouse.connector.domain.LifecycleFixture.CARD_EXPIRES;
import static io.gatehouse.connector.domain.LifecycleFixture.CONNECTION;
import static io.gatehouse.connector.domain.LifecycleFixture.LEASED_UNTIL;
import static io.gatehouse.connector.domain.LifecycleFixture.LIFECYCLE;
import static io.gatehouse.connector.domain.LifecycleFixture.NOW;
import static io.gatehouse.connector.domain.LifecycleFixture.REQUEST;
import static io.gatehouse.connector.domain.LifecycleFixture.VERSION;
import static io.gatehouse.connector.domain.LifecycleFixture.assertRefused;
import static io.gatehouse.connector.domain.LifecycleFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.events.ConnectorInterrupted;
import io.gatehouse.events.ConnectorRecovered;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Plain unit test of the lifecycle's event table: ConnectorRequested, ConnectCardRequested, SetupCompleted, a
 * successful SyncCompleted and ConnectorBroken, in every state that accepts or refuses them (BROKEN included).
 */
class ConnectorLifecycleEventsTest {

    // ---- ConnectorRequested ------------------------------------------------------------------------------------

    @Test
    void registerUnknownToPendingDueNowPublishesNothing() {
        Transition t = LIFECYCLE.register(Optional.empty(), REQUEST, NOW);

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, PENDING, null, null, null, false, 0, null, NOW, 0));
        assertThat(t.publish()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ConnectorState.class)
    void registerRefusedWhenAlreadyKnownInAnyState(ConnectorState state) {
        RequestProgress known = request(state);
        assertRefused(LIFECYCLE.register(Optional.of(known), REQUEST, NOW), known, "already registered");
    }

    // ---- ConnectCardRequested ----------------------------------------------------------------------------------

    @Test
    void reissueCardCreatedToCreatedDueNowWithACleanAttemptCount() {
        Transition t = LIFECYCLE.reissueCard(request(CREATED), NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, CREATED, CONNECTION, null, null, false, 0, null,
                NOW, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void reissueCardCardIssuedToCreatedDueNow() {
        Transition t = LIFECYCLE.reissueCard(request(CARD_ISSUED), NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, CREATED, CONNECTION, CARD, CARD_EXPIRES, false, 0,
                null, NOW, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void reissueCardRefusedWhenPending() {
        assertRefused(LIFECYCLE.reissueCard(request(PENDING), NOW), request(PENDING), "PENDING");
    }

    @Test
    void reissueCardRefusedWhenActivating() {
        assertRefused(LIFECYCLE.reissueCard(request(ACTIVATING), NOW), request(ACTIVATING), "ACTIVATING");
    }

    @Test
    void reissueCardRefusedWhenActive() {
        assertRefused(LIFECYCLE.reissueCard(request(ACTIVE), NOW), request(ACTIVE), "ACTIVE");
    }

    @Test
    void reissueCardRefusedWhenBroken() {
        assertRefused(LIFECYCLE.reissueCard(request(BROKEN), NOW), request(BROKEN), "BROKEN");
    }

    @Test
    void reissueCardRefusedWhenFailed() {
        assertRefused(LIFECYCLE.reissueCard(request(FAILED), NOW), request(FAILED), "FAILED");
    }

    // ---- SetupCompleted ----------------------------------------------------------------------------------------

    @Test
    void setupCompletedPendingToActivatingDueNowRecordsTheConnection() {
        Transition t = LIFECYCLE.setupCompleted(request(PENDING), "conn-from-card", NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVATING, "conn-from-card", null, null, false, 0,
                null, NOW, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void setupCompletedCreatedToActivatingDueNowKeepsTheKnownConnection() {
        Transition t = LIFECYCLE.setupCompleted(request(CREATED), "conn-from-card", NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVATING, CONNECTION, null, null, false, 0, null,
                NOW, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void setupCompletedCardIssuedToActivatingDueNowKeepsTheKnownConnection() {
        Transition t = LIFECYCLE.setupCompleted(request(CARD_ISSUED), "conn-from-card", NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVATING, CONNECTION, CARD, CARD_EXPIRES, false,
                0, null, NOW, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void setupCompletedRefusedWhenActivating() {
        assertRefused(LIFECYCLE.setupCompleted(request(ACTIVATING), CONNECTION, NOW), request(ACTIVATING),
                "ACTIVATING");
    }

    @Test
    void setupCompletedRefusedWhenActive() {
        assertRefused(LIFECYCLE.setupCompleted(request(ACTIVE), CONNECTION, NOW), request(ACTIVE), "ACTIVE");
    }

    @Test
    void setupCompletedRefusedWhenBroken() {
        assertRefused(LIFECYCLE.setupCompleted(request(BROKEN), CONNECTION, NOW), request(BROKEN), "BROKEN");
    }

    @Test
    void setupCompletedRefusedWhenFailed() {
        assertRefused(LIFECYCLE.setupCompleted(request(FAILED), CONNECTION, NOW), request(FAILED), "FAILED");
    }

    // ---- SyncCompleted (successful) ----------------------------------------------------------------------------

    @Test
    void syncSucceededActivatingStaysActivatingWithTablesDueNow() {
        Transition t = LIFECYCLE.syncSucceeded(request(ACTIVATING), NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVATING, CONNECTION, CARD, CARD_EXPIRES, true, 0,
                null, NOW, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void syncSucceededActiveStaysActiveWithTablesDueNow() {
        Transition t = LIFECYCLE.syncSucceeded(request(ACTIVE), NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVE, CONNECTION, CARD, CARD_EXPIRES, true, 0,
                null, NOW, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    /** The connection works again: ACTIVE, and the tables that landed while it was broken are read at once. */
    @Test
    void syncSucceededBrokenToActiveWithTablesDueNowClearingTheBreakPublishesConnectorRecovered() {
        RequestProgress broken = new RequestProgress(REQUEST, BROKEN, CONNECTION, CARD, CARD_EXPIRES, false, 1,
                "connection_failure: Invalid login credentials", null, VERSION);
        Transition t = LIFECYCLE.syncSucceeded(broken, NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVE, CONNECTION, CARD, CARD_EXPIRES, true, 0,
                null, NOW, VERSION));
        assertThat(t.publish()).containsExactly(new ConnectorRecovered(REQUEST, CONNECTION, "sync_end"));
    }

    @Test
    void syncSucceededRefusedWhenPending() {
        assertRefused(LIFECYCLE.syncSucceeded(request(PENDING), NOW), request(PENDING), "PENDING");
    }

    @Test
    void syncSucceededRefusedWhenCreated() {
        assertRefused(LIFECYCLE.syncSucceeded(request(CREATED), NOW), request(CREATED), "CREATED");
    }

    @Test
    void syncSucceededRefusedWhenCardIssued() {
        assertRefused(LIFECYCLE.syncSucceeded(request(CARD_ISSUED), NOW), request(CARD_ISSUED), "CARD_ISSUED");
    }

    @Test
    void syncSucceededRefusedWhenFailed() {
        assertRefused(LIFECYCLE.syncSucceeded(request(FAILED), NOW), request(FAILED), "FAILED");
    }

    // ---- ConnectorBroken ---------------------------------------------------------------------------------------

    /** The unpause is still owed: the break is kept as the last error and the activation goes on. */
    @Test
    void brokenActivatingStaysActivatingKeepingTheLastErrorAndTheActivationDue() {
        Transition t = LIFECYCLE.broken(request(ACTIVATING), "connection_failure", "Invalid login credentials");

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVATING, CONNECTION, CARD, CARD_EXPIRES, false,
                1, "connection_failure: Invalid login credentials", LEASED_UNTIL, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    /**
     * A break may heal: the request waits in BROKEN with nothing due, the owed tables kept; the onboarding is not
     * failed, the timeline hears of the break.
     */
    @Test
    void brokenActiveToBrokenNothingDueKeepsTheTablesDuePublishesConnectorInterrupted() {
        RequestProgress active = request(ACTIVE).withTablesDue(true);
        Transition t = LIFECYCLE.broken(active, "connection_failure", "Invalid login credentials");

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, BROKEN, CONNECTION, CARD, CARD_EXPIRES, true, 1,
                "connection_failure: Invalid login credentials", null, VERSION));
        assertThat(t.publish()).containsExactly(new ConnectorInterrupted(REQUEST, CONNECTION,
                "connection_failure: Invalid login credentials"));
    }

    /** Once per break: the timeline was told when the request entered BROKEN. */
    @Test
    void brokenBrokenStaysBrokenWithTheLatestReasonPublishesNothing() {
        Transition t = LIFECYCLE.broken(request(BROKEN), "connection_failure", "Host unreachable");

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, BROKEN, CONNECTION, CARD, CARD_EXPIRES, false, 1,
                "connection_failure: Host unreachable", null, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void brokenPendingStaysPendingKeepingTheLastErrorOnly() {
        Transition t = LIFECYCLE.broken(request(PENDING), "connection_failure", "Invalid login credentials");

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, PENDING, null, null, null, false, 1,
                "connection_failure: Invalid login credentials", LEASED_UNTIL, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void brokenCreatedStaysCreatedKeepingTheLastErrorOnly() {
        Transition t = LIFECYCLE.broken(request(CREATED), "connection_failure", "Invalid login credentials");

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, CREATED, CONNECTION, null, null, false, 1,
                "connection_failure: Invalid login credentials", LEASED_UNTIL, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    /** The owner is still typing in the Connect Card: a failed setup test is not the end of the onboarding. */
    @Test
    void brokenCardIssuedStaysCardIssuedKeepingTheLastErrorOnly() {
        Transition t = LIFECYCLE.broken(request(CARD_ISSUED), "connection_failure", "x".repeat(2500));

        assertThat(t.accepted()).isTrue();
        assertThat(t.next().state()).isEqualTo(CARD_ISSUED);
        assertThat(t.next().lastError()).hasSize(2000).startsWith("connection_failure: xxx");
        assertThat(t.next().nextAttemptAt()).isEqualTo(LEASED_UNTIL);
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void brokenRefusedWhenFailed() {
        assertRefused(LIFECYCLE.broken(request(FAILED), "connection_failure", "again"), request(FAILED), "FAILED");
    }
}
