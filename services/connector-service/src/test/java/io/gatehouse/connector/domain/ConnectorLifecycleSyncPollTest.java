package io.gatehouse.connector.domain;

import static io.gatehouse.connector.domain.ConnectorState.ACTIVE;
import static io.gatehouse.connector.domain.ConnectorState.BROKEN;
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

import io.gatehouse.events.ConnectorRecovered;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Plain unit test of the lifecycle's sync poll: a success Fivetran reports that is newer than the last one seen (a
 * sync_end that never arrived) counts as a successful SyncCompleted in ACTIVE and BROKEN; anything else is refused.
 */
class ConnectorLifecycleSyncPollTest {

    private static final Instant SEEN = NOW.minusSeconds(900);
    private static final Optional<Instant> NEWER = Optional.of(SEEN.plusSeconds(60));

    @Test
    void newerSuccessActiveStaysActiveTablesDueNow() {
        Transition t = LIFECYCLE.syncSeenByPoll(request(ACTIVE), NEWER, Optional.of(SEEN), NOW);

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVE, CONNECTION, CARD, CARD_EXPIRES, true, 0,
                null, NOW, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void firstSuccessEverSeenActiveTablesDueNow() {
        Transition t = LIFECYCLE.syncSeenByPoll(request(ACTIVE), NEWER, Optional.empty(), NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVE, CONNECTION, CARD, CARD_EXPIRES, true, 0,
                null, NOW, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void newerSuccessBrokenToActiveTablesDueNowPublishesConnectorRecoveredByPoll() {
        Transition t = LIFECYCLE.syncSeenByPoll(request(BROKEN), NEWER, Optional.of(SEEN), NOW);

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVE, CONNECTION, CARD, CARD_EXPIRES, true, 0,
                null, NOW, VERSION));
        assertThat(t.publish()).containsExactly(new ConnectorRecovered(REQUEST, CONNECTION, "poll"));
    }

    @Test
    void sameAsTheTimeSeenActiveRefused() {
        assertRefused(LIFECYCLE.syncSeenByPoll(request(ACTIVE), Optional.of(SEEN), Optional.of(SEEN), NOW),
                request(ACTIVE), ConnectorLifecycle.NO_NEWER_SUCCESS);
    }

    @Test
    void olderThanTheTimeSeenActiveRefused() {
        assertRefused(LIFECYCLE.syncSeenByPoll(request(ACTIVE), Optional.of(SEEN.minusSeconds(1)), Optional.of(SEEN),
                NOW), request(ACTIVE), ConnectorLifecycle.NO_NEWER_SUCCESS);
    }

    @Test
    void neverSucceededActiveRefused() {
        assertRefused(LIFECYCLE.syncSeenByPoll(request(ACTIVE), Optional.empty(), Optional.empty(), NOW),
                request(ACTIVE), ConnectorLifecycle.NO_NEWER_SUCCESS);
    }

    /** A success from before the break (already seen) does not heal it: BROKEN waits for a newer one. */
    @Test
    void notNewerBrokenStaysBroken() {
        assertRefused(LIFECYCLE.syncSeenByPoll(request(BROKEN), Optional.of(SEEN), Optional.of(SEEN), NOW),
                request(BROKEN), ConnectorLifecycle.NO_NEWER_SUCCESS);
    }

    @Test
    void neverSucceededBrokenStaysBroken() {
        assertRefused(LIFECYCLE.syncSeenByPoll(request(BROKEN), Optional.empty(), Optional.of(SEEN), NOW),
                request(BROKEN), ConnectorLifecycle.NO_NEWER_SUCCESS);
    }

    /** Not polled before activation (the unpause is owed) nor once failed: a newer success changes nothing. */
    @ParameterizedTest
    @EnumSource(value = ConnectorState.class, names = {"PENDING", "CREATED", "CARD_ISSUED", "ACTIVATING", "REACTIVATING",
            "FAILED"})
    void refusedOutsideActiveAndBroken(ConnectorState state) {
        assertRefused(LIFECYCLE.syncSeenByPoll(request(state), NEWER, Optional.of(SEEN), NOW), request(state),
                state.name());
    }

    @Test
    void polledStatesAreActiveAndBroken() {
        for (ConnectorState state : ConnectorState.values()) {
            assertThat(ConnectorLifecycle.polled(state)).as(state.name()).isEqualTo(state == ACTIVE || state == BROKEN);
        }
    }
}
