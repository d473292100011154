package io.gatehouse.connector.domain;

import static io.gatehouse.connector.domain.ConnectorState.ACTIVATING;
import static io.gatehouse.connector.domain.ConnectorState.ACTIVE;
import static io.gatehouse.connector.domain.ConnectorState.CARD_ISSUED;
import static io.gatehouse.connector.domain.LifecycleFixture.CARD;
import static io.gatehouse.connector.domain.LifecycleFixture.CARD_EXPIRES;
import static io.gatehouse.connector.domain.LifecycleFixture.CONNECTION;
import static io.gatehouse.connector.domain.LifecycleFixture.LIFECYCLE;
import static io.gatehouse.connector.domain.LifecycleFixture.NOW;
import static io.gatehouse.connector.domain.LifecycleFixture.REQUEST;
import static io.gatehouse.connector.domain.LifecycleFixture.VERSION;
import static io.gatehouse.connector.domain.LifecycleFixture.assertRefused;
import static io.gatehouse.connector.domain.LifecycleFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Plain unit test of the lifecycle's setup poll: a CARD_ISSUED request whose connection Fivetran reports connected (the
 * owner finished the card, no SetupCompleted came) goes ACTIVATING as SetupCompleted would take it; a setup not
 * connected, or any other state, is refused; a SetupCompleted after the poll's transition is refused.
 */
class ConnectorLifecycleSetupPollTest {

    @Test
    void connectedCardIssuedToActivatingDueNowNotedSetupConfirmedByPolling() {
        Transition t = LIFECYCLE.setupSeenByPoll(request(CARD_ISSUED), "connected", NOW);

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVATING, CONNECTION, CARD, CARD_EXPIRES, false, 0,
                null, NOW, VERSION));
        assertThat(t.publish()).isEmpty();
        assertThat(t.note()).contains(ConnectorLifecycle.SETUP_CONFIRMED_BY_POLL);
    }

    /** The same progress as the return page's SetupCompleted: the unpause and its ConnectorActivated follow as usual. */
    @Test
    void connectedCardIssuedTakesTheRequestWhereSetupCompletedWould() {
        Transition polled = LIFECYCLE.setupSeenByPoll(request(CARD_ISSUED), "connected", NOW);
        Transition event = LIFECYCLE.setupCompleted(request(CARD_ISSUED), CONNECTION, NOW);

        assertThat(polled.next()).isEqualTo(event.next());
        assertThat(polled.publish()).isEqualTo(event.publish());
    }

    @Test
    void incompleteCardIssuedRefused() {
        assertRefused(LIFECYCLE.setupSeenByPoll(request(CARD_ISSUED), "incomplete", NOW), request(CARD_ISSUED),
                "setup not connected (setup_state incomplete)");
    }

    /** A setup whose tests failed is the owner still at it (the card says what to fix), not a break. */
    @Test
    void brokenSetupCardIssuedRefused() {
        assertRefused(LIFECYCLE.setupSeenByPoll(request(CARD_ISSUED), "broken", NOW), request(CARD_ISSUED),
                "setup not connected (setup_state broken)");
    }

    @Test
    void unknownSetupStateCardIssuedRefused() {
        assertRefused(LIFECYCLE.setupSeenByPoll(request(CARD_ISSUED), null, NOW), request(CARD_ISSUED),
                "setup not connected (setup_state unknown)");
    }

    /** Only CARD_ISSUED waits for the owner: before it there is no card, after it the setup is known. */
    @ParameterizedTest
    @EnumSource(value = ConnectorState.class, names = "CARD_ISSUED", mode = EnumSource.Mode.EXCLUDE)
    void connectedRefusedOutsideCardIssued(ConnectorState state) {
        assertRefused(LIFECYCLE.setupSeenByPoll(request(state), "connected", NOW), request(state), state.name());
    }

    /** The return page's SetupCompleted arriving after the poll confirmed the setup changes nothing. */
    @Test
    void setupCompletedAfterThePollRefusedWhileActivating() {
        RequestProgress polled = LIFECYCLE.setupSeenByPoll(request(CARD_ISSUED), "connected", NOW).next();

        assertRefused(LIFECYCLE.setupCompleted(polled, CONNECTION, NOW), polled, "ACTIVATING");
    }

    @Test
    void setupCompletedAfterThePollRefusedOnceActive() {
        assertRefused(LIFECYCLE.setupCompleted(request(ACTIVE), CONNECTION, NOW), request(ACTIVE), "ACTIVE");
    }

    @Test
    void setupPolledStateIsCardIssuedOnly() {
        for (ConnectorState state : ConnectorState.values()) {
            assertThat(ConnectorLifecycle.setupPolled(state)).as(state.name()).isEqualTo(state == CARD_ISSUED);
        }
    }
}
