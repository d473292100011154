package io.gatehouse.connector.domain;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a request whose Fivetran call failed transiently is tried again: capped exponential backoff with
 * "equal jitter" (half the step fixed, half random) so many stuck requests spread out, and never sooner
 * than a 429's Retry-After.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** Delay after the {@code attempt}-th failure in a row (1-based). */
    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        long cap = max.toMillis();
        long step = initial.toMillis();
        for (int i = 1; i < attempt && step < cap; i++) {
            step *= 2;
        }
        step = Math.min(step, cap);
        long jittered = step / 2 + (long) (random.getAsDouble() * (step - step / 2));
        long floor = retryAfter.map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, floor));
    }
}
