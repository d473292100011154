package io.gatehouse.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The buckets on a hand-driven clock: capacity, continuous refill, the wait reported, and the bound on keys. */
class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong();
    private final TokenBuckets buckets = new TokenBuckets(3, Duration.ofMinutes(1), 2, now::get);

    @Test
    void aKeyTakesItsCapacityThenWaitsForTheNextToken() {
        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("a")).isEmpty();

        assertThat(buckets.take("a")).contains(Duration.ofSeconds(20));
        now.addAndGet(Duration.ofSeconds(15).toNanos());
        assertThat(buckets.take("a")).contains(Duration.ofSeconds(5));
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("b")).as("another key has its own bucket").isEmpty();
    }

    @Test
    void theLeastRecentlyUsedKeyIsForgottenBeyondTheBound() {
        buckets.take("a");
        buckets.take("b");
        buckets.take("a");
        buckets.take("c");

        assertThat(buckets.size()).isEqualTo(2);
        // "b" was forgotten and starts full; "a" kept its two takes.
        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("a")).isPresent();
    }
}
