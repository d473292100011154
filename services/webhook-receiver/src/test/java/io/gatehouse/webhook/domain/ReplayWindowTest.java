package io.gatehouse.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.webhook.domain.ReplayWindow.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Plain JUnit, domain: which {@code created} times the replay window accepts, to the millisecond at both ends. */
class ReplayWindowTest {

    private static final Instant NOW = Instant.parse("2026-05-22T12:00:00Z");
    private final ReplayWindow window = new ReplayWindow(Duration.ofHours(36), Duration.ofMinutes(5));

    @Test
    void aJustCreatedWebhookIsFresh() {
        assertThat(window.judge("2026-05-22T11:59:58.638Z", NOW)).isEqualTo(Verdict.FRESH);
    }

    @Test
    void aFivetranRetryAfterTwentyFourHoursIsStillFresh() {
        assertThat(window.judge("2026-05-21T11:55:00Z", NOW)).isEqualTo(Verdict.FRESH);
    }

    @Test
    void exactlyTheWindowOldIsFreshAndOneMillisecondMoreIsTooOld() {
        assertThat(window.judge("2026-05-21T00:00:00Z", NOW)).isEqualTo(Verdict.FRESH);
        assertThat(window.judge("2026-05-20T23:59:59.999Z", NOW)).isEqualTo(Verdict.TOO_OLD);
    }

    @Test
    void aWeekOldReplayIsTooOld() {
        assertThat(window.judge("2026-05-15T12:00:00Z", NOW)).isEqualTo(Verdict.TOO_OLD);
    }

    @Test
    void exactlyTheSkewAheadIsFreshAndOneMillisecondMoreIsInTheFuture() {
        assertThat(window.judge("2026-05-22T12:05:00Z", NOW)).isEqualTo(Verdict.FRESH);
        assertThat(window.judge("2026-05-22T12:05:00.001Z", NOW)).isEqualTo(Verdict.IN_FUTURE);
    }

    @Test
    void anExplicitOffsetIsRead() {
        assertThat(window.judge("2026-05-22T13:59:00+02:00", NOW)).isEqualTo(Verdict.FRESH);
        assertThat(window.judge("2026-05-20T21:00:00-02:00", NOW)).isEqualTo(Verdict.TOO_OLD);
    }

    @Test
    void aMissingOrUnreadableTimeIsUnreadable() {
        assertThat(window.judge(null, NOW)).isEqualTo(Verdict.UNREADABLE);
        assertThat(window.judge("yesterday", NOW)).isEqualTo(Verdict.UNREADABLE);
        assertThat(window.judge("2026-05-22T12:00:00", NOW)).isEqualTo(Verdict.UNREADABLE);
    }

    @Test
    void anEmptyWindowIsRefused() {
        assertThatThrownBy(() -> new ReplayWindow(Duration.ZERO, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplayWindow(Duration.ofHours(1), Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
