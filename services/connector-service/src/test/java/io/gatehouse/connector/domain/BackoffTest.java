package io.gatehouse.connector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Plain unit test of the per-request retry schedule. */
class BackoffTest {

    private final Backoff lowest = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10), () -> 0.0);
    private final Backoff highest = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10), () -> 0.999999);

    @Test
    void doublesWithJitterBetweenHalfAndFullStep() {
        assertThat(lowest.delay(1, Optional.empty())).isEqualTo(Duration.ofMillis(500));
        assertThat(highest.delay(1, Optional.empty())).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(lowest.delay(4, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
        assertThat(highest.delay(4, Optional.empty())).isBetween(Duration.ofMillis(7999), Duration.ofSeconds(8));
    }

    @Test
    void isCapped() {
        assertThat(highest.delay(40, Optional.empty())).isLessThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(lowest.delay(40, Optional.empty())).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void neverSoonerThanRetryAfter() {
        assertThat(lowest.delay(1, Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(30));
        assertThat(lowest.delay(4, Optional.of(Duration.ofSeconds(1)))).isEqualTo(Duration.ofSeconds(4));
    }
}
