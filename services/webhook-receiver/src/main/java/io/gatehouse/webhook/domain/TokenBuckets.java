package io.gatehouse.webhook.domain;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One token bucket per key, in memory: {@code capacity} takes, refilled continuously over {@code window}. At most
 * {@code maxKeys} keys are kept, the least recently used forgotten first; a forgotten key starts full again, which
 * only ever lets a little more through, never less. Per instance: nothing is shared between replicas.
 */
public final class TokenBuckets {

    private final double capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets;

    public TokenBuckets(int capacity, Duration window, int maxKeys) {
        this(capacity, window, maxKeys, System::nanoTime);
    }

    public TokenBuckets(int capacity, Duration window, int maxKeys, LongSupplier nanoTime) {
        if (capacity < 1 || window.isNegative() || window.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("capacity and maxKeys must be positive, window longer than zero");
        }
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) window.toNanos();
        this.nanoTime = nanoTime;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Empty if {@code key} may go ahead (one token taken); otherwise how long until it may. */
    public synchronized Optional<Duration> take(String key) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * tokensPerNano);
        bucket.at = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / tokensPerNano)));
    }

    /** Keys tracked now (at most {@code maxKeys}). */
    public synchronized int size() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
