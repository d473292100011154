package io.gatehouse.onboarding.domain;

import static io.gatehouse.onboarding.domain.RequestState.ACTIVE;
import static io.gatehouse.onboarding.domain.RequestState.BROKEN;
import static io.gatehouse.onboarding.domain.RequestState.CARD_ISSUED;
import static io.gatehouse.onboarding.domain.RequestState.FAILED;
import static io.gatehouse.onboarding.domain.RequestState.REQUESTED;
import static io.gatehouse.onboarding.domain.RequestState.SETUP_COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Plain unit test of the request state machine. */
class RequestStateTest {

    @Test
    void movesForward() {
        assertThat(REQUESTED.moveTo(CARD_ISSUED)).isEqualTo(CARD_ISSUED);
        assertThat(CARD_ISSUED.moveTo(CARD_ISSUED)).isEqualTo(CARD_ISSUED);
        assertThat(CARD_ISSUED.moveTo(SETUP_COMPLETED)).isEqualTo(SETUP_COMPLETED);
        assertThat(SETUP_COMPLETED.moveTo(ACTIVE)).isEqualTo(ACTIVE);
        assertThat(ACTIVE.moveTo(FAILED)).isEqualTo(FAILED);
    }

    @Test
    void lateEventsDoNotMoveBack() {
        assertThat(ACTIVE.moveTo(CARD_ISSUED)).isEqualTo(ACTIVE);
        assertThat(SETUP_COMPLETED.moveTo(CARD_ISSUED)).isEqualTo(SETUP_COMPLETED);
        assertThat(FAILED.moveTo(ACTIVE)).isEqualTo(FAILED);
        assertThat(FAILED.moveTo(CARD_ISSUED)).isEqualTo(FAILED);
    }

    @Test
    void reissueOnlyBeforeSetup() {
        assertThat(REQUESTED.acceptsConnectCardReissue()).isTrue();
        assertThat(CARD_ISSUED.acceptsConnectCardReissue()).isTrue();
        assertThat(SETUP_COMPLETED.acceptsConnectCardReissue()).isFalse();
        assertThat(ACTIVE.acceptsConnectCardReissue()).isFalse();
        assertThat(FAILED.acceptsConnectCardReissue()).isFalse();
        assertThat(BROKEN.acceptsConnectCardReissue()).isFalse();
    }

    @Test
    void runningConnectionBreaksAndRecovers() {
        assertThat(ACTIVE.moveTo(BROKEN)).isEqualTo(BROKEN);
        assertThat(SETUP_COMPLETED.moveTo(BROKEN)).isEqualTo(BROKEN);
        assertThat(BROKEN.moveTo(BROKEN)).isEqualTo(BROKEN);
        assertThat(BROKEN.recover()).isEqualTo(ACTIVE);
        assertThat(BROKEN.moveTo(FAILED)).isEqualTo(FAILED);
    }

    @Test
    void aConnectionNeverSetUpCannotBreakAndLateEventsDoNotMoveABrokenOne() {
        assertThat(REQUESTED.moveTo(BROKEN)).isEqualTo(REQUESTED);
        assertThat(CARD_ISSUED.moveTo(BROKEN)).isEqualTo(CARD_ISSUED);
        assertThat(FAILED.moveTo(BROKEN)).isEqualTo(FAILED);
        assertThat(BROKEN.moveTo(ACTIVE)).as("a late ConnectorActivated").isEqualTo(BROKEN);
        assertThat(BROKEN.moveTo(SETUP_COMPLETED)).isEqualTo(BROKEN);
        assertThat(BROKEN.moveTo(CARD_ISSUED)).isEqualTo(BROKEN);
    }

    @Test
    void recoveryMovesOnlyAStoppedConnection() {
        assertThat(FAILED.recover()).as("a reactivated failure").isEqualTo(ACTIVE);
        assertThat(ACTIVE.recover()).isEqualTo(ACTIVE);
        assertThat(REQUESTED.recover()).isEqualTo(REQUESTED);
        assertThat(CARD_ISSUED.recover()).isEqualTo(CARD_ISSUED);
        assertThat(SETUP_COMPLETED.recover()).isEqualTo(SETUP_COMPLETED);
    }

    @Test
    void onlyABrokenOrFailedRequestIsReactivated() {
        assertThat(BROKEN.acceptsReactivation()).isTrue();
        assertThat(FAILED.acceptsReactivation()).isTrue();
        assertThat(REQUESTED.acceptsReactivation()).isFalse();
        assertThat(CARD_ISSUED.acceptsReactivation()).isFalse();
        assertThat(SETUP_COMPLETED.acceptsReactivation()).isFalse();
        assertThat(ACTIVE.acceptsReactivation()).isFalse();
    }
}
