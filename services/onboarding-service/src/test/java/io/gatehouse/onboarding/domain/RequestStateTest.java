package io.gatehouse.onboarding.domain;

import static io.gatehouse.onboarding.domain.RequestState.ACTIVE;
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
    }
}
