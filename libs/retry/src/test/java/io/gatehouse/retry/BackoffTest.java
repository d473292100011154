package io.gatehouse.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Plain unit test of the one retry schedule. */
class BackoffTest {

    private final Backoff lowest = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10), () -> 0.0);
    private final Backoff highest = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10), () -> 0.999999);

    @Test
    void doublesWithJitterBetweenHalfAndFullStep() {
        assertThat(lowest.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(highest.delay(1)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(lowest.delay(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(highest.delay(4)).isBetween(Duration.ofMillis(7999), Duration.ofSeconds(8));
    }

    @Test
    void isCapped() {
        assertThat(highest.delay(40)).isLessThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(lowest.delay(40)).isEqualTo(Duration.ofMinutes(5));
        assertThat(highest.delay(Integer.MAX_VALUE)).isLessThanOrEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void neverSoonerThanTheFloor() {
        assertThat(lowest.delay(1, Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(30));
        assertThat(lowest.delay(4, Optional.of(Duration.ofSeconds(1)))).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void spreadsCallersOut() {
        Backoff real = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> real.delay(3)).distinct().count()).isGreaterThan(1);
    }

    @Test
    void refusesAnInvertedRange() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
