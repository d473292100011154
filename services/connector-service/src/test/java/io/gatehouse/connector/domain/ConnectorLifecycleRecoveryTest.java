package io.gatehouse.connector.domain;

import static io.gatehouse.connector.domain.ConnectorState.ACTIVE;
import static io.gatehouse.connector.domain.ConnectorState.BROKEN;
import static io.gatehouse.connector.domain.ConnectorState.FAILED;
import static io.gatehouse.connector.domain.ConnectorState.REACTIVATING;
import static io.gatehouse.connector.domain.LifecycleFixture.CARD;
import static io.gatehouse.connector.domain.LifecycleFixture.CARD_EXPIRES;
import static io.gatehouse.connector.domain.LifecycleFixture.CONNECTION;
import static io.gatehouse.connector.domain.LifecycleFixture.LEASED_UNTIL;
import static io.gatehouse.connector.domain.LifecycleFixture.LIFECYCLE;
import static io.gatehouse.connector.domain.LifecycleFixture.NOW;
import static io.gatehouse.connector.domain.LifecycleFixture.REQUEST;
import static io.gatehouse.connector.domain.LifecycleFixture.VERSION;
import static io.gatehouse.connector.domain.LifecycleFixture.assertRefused;
import static io.gatehouse.connector.domain.LifecycleFixture.reactivating;
import static io.gatehouse.connector.domain.LifecycleFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.events.ConnectorRecovered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Plain unit test of the lifecycle's recovery events: ConnectorHealthy ({@code connection_successful}) and an
 * operator's ReactivationRequested, in every state that accepts or refuses them; and the other events while
 * REACTIVATING.
 */
class ConnectorLifecycleRecoveryTest {

    // ---- ConnectorHealthy --------------------------------------------------------------------------------------

    @Test
    void healthyBrokenToActiveWithTablesDueNowPublishesConnectorRecovered() {
        Transition t = LIFECYCLE.healthy(request(BROKEN), NOW);

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVE, CONNECTION, CARD, CARD_EXPIRES, true, 0,
                null, NOW, VERSION));
        assertThat(t.publish()).containsExactly(new ConnectorRecovered(REQUEST, CONNECTION, "connection_successful"));
    }

    /** Nothing to heal outside BROKEN; in REACTIVATING the reactivation's own read of the connection decides. */
    @ParameterizedTest
    @EnumSource(value = ConnectorState.class, mode = EnumSource.Mode.EXCLUDE, names = "BROKEN")
    void healthyRefusedOutsideBroken(ConnectorState state) {
        assertRefused(LIFECYCLE.healthy(request(state), NOW), request(state), state.name());
    }

    // ---- ReactivationRequested ---------------------------------------------------------------------------------

    @Test
    void reactivationRequestedBrokenToReactivatingDueNowRemembersBroken() {
        Transition t = LIFECYCLE.reactivationRequested(request(BROKEN), NOW);

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, REACTIVATING, CONNECTION, CARD, CARD_EXPIRES,
                false, 0, null, NOW, VERSION, BROKEN));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void reactivationRequestedFailedWithAConnectionToReactivatingDueNowRemembersFailed() {
        Transition t = LIFECYCLE.reactivationRequested(request(FAILED), NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, REACTIVATING, CONNECTION, CARD, CARD_EXPIRES,
                false, 0, null, NOW, VERSION, FAILED));
        assertThat(t.publish()).isEmpty();
    }

    /** Failed before Fivetran created anything: there is no connection to bring back. */
    @Test
    void reactivationRequestedRefusedWhenFailedWithoutAConnection() {
        RequestProgress failed = new RequestProgress(REQUEST, FAILED, null, null, null, false, 3, "refused", null,
                VERSION);
        assertRefused(LIFECYCLE.reactivationRequested(failed, NOW), failed, "FAILED without a connection");
    }

    @ParameterizedTest
    @EnumSource(value = ConnectorState.class, names = {"PENDING", "CREATED", "CARD_ISSUED", "ACTIVATING", "ACTIVE",
            "REACTIVATING"})
    void reactivationRequestedRefusedOutsideBrokenAndFailed(ConnectorState state) {
        assertRefused(LIFECYCLE.reactivationRequested(request(state), NOW), request(state), state.name());
    }

    // ---- other events while REACTIVATING -----------------------------------------------------------------------

    /** A sync proves nothing the reactivation will not: the tables are due, the reactivation still finishes. */
    @Test
    void syncSucceededReactivatingStaysReactivatingWithTablesDueNow() {
        Transition t = LIFECYCLE.syncSucceeded(reactivating(BROKEN), NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, REACTIVATING, CONNECTION, CARD, CARD_EXPIRES,
                true, 0, null, NOW, VERSION, BROKEN));
        assertThat(t.publish()).isEmpty();
    }

    /** The reactivation's read of the connection is in flight or due: the break is only kept as the last error. */
    @Test
    void brokenReactivatingStaysReactivatingKeepingTheLastError() {
        Transition t = LIFECYCLE.broken(reactivating(FAILED), "connection_failure", "Host unreachable");

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, REACTIVATING, CONNECTION, CARD, CARD_EXPIRES,
                false, 1, "connection_failure: Host unreachable", LEASED_UNTIL, VERSION, FAILED));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void setupCompletedRefusedWhenReactivating() {
        assertRefused(LIFECYCLE.setupCompleted(reactivating(BROKEN), CONNECTION, NOW), reactivating(BROKEN),
                "REACTIVATING");
    }

    @Test
    void reissueCardRefusedWhenReactivating() {
        assertRefused(LIFECYCLE.reissueCard(reactivating(BROKEN), NOW), reactivating(BROKEN), "REACTIVATING");
    }

    @Test
    void activatedRefusedWhenReactivating() {
        assertRefused(LIFECYCLE.activated(reactivating(BROKEN), NOW), reactivating(BROKEN), "REACTIVATING");
    }
}
