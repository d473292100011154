package io.gatehouse.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Plain JUnit, domain: when the owner link hands out the bound card, and when it asks for a fresh one. */
class CardHandoutTest {

    private static final Instant NOW = Instant.parse("2026-05-22T12:00:00Z");
    private static final CardHandout HANDOUT = new CardHandout(Duration.ofMinutes(10), Duration.ofMinutes(2));

    @Test
    void cardIsHandedOutOnlyWhileUsableForTheMargin() {
        assertThat(HANDOUT.usable(NOW.plus(Duration.ofHours(20)), NOW)).isTrue();
        assertThat(HANDOUT.usable(NOW.plus(Duration.ofMinutes(10)), NOW)).isTrue();
        assertThat(HANDOUT.usable(NOW.plus(Duration.ofMinutes(9)), NOW)).isFalse();
        assertThat(HANDOUT.usable(NOW.minusSeconds(1), NOW)).isFalse();
        assertThat(HANDOUT.usable(null, NOW)).isTrue();
    }

    @Test
    void freshCardIsAskedForOncePerCardAndInterval() {
        Instant issued = NOW.minus(Duration.ofDays(1));

        assertThat(HANDOUT.reissueDue(issued, null, NOW)).as("never asked").isTrue();
        assertThat(HANDOUT.reissueDue(issued, NOW.minusSeconds(30), NOW)).as("asked moments ago").isFalse();
        assertThat(HANDOUT.reissueDue(issued, NOW.minus(Duration.ofMinutes(2)), NOW)).as("interval passed").isTrue();
        assertThat(HANDOUT.reissueDue(NOW.minusSeconds(10), NOW.minusSeconds(20), NOW)).as("asked for the last card").isTrue();
    }

    @Test
    void negativeMarginOrEmptyIntervalIsRefused() {
        assertThatThrownBy(() -> new CardHandout(Duration.ofMinutes(-1), Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CardHandout(Duration.ofMinutes(10), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
