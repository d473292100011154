package io.gatehouse.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The one retry schedule of Gatehouse: capped exponential back-off with "equal jitter" (half the step fixed, half
 * random, so many callers failing together spread out), and never sooner than a floor the remote asked for (a 429's
 * {@code Retry-After}). Used by the outbox relay, the connector worker, the apply worker, event consumption and the
 * Fivetran client.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max) {
        this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** {@code random} gives values in [0, 1); tests pass a fixed one. */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 <= initial <= max, got " + initial + " and " + max);
        }
    }

    /** Delay after the {@code attempt}-th failure in a row (1-based). */
    public Duration delay(int attempt) {
        return delay(attempt, Optional.empty());
    }

    /** Delay after the {@code attempt}-th failure in a row (1-based), at least {@code floor} when given. */
    public Duration delay(int attempt, Optional<Duration> floor) {
        long cap = max.toMillis();
        long step = Math.max(1, initial.toMillis());
        for (int i = 1; i < attempt && step < cap; i++) {
            step *= 2;
        }
        step = Math.min(step, cap);
        long jittered = step / 2 + (long) (random.getAsDouble() * (step - step / 2));
        long atLeast = floor.map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, atLeast));
    }

    /** The longest delay this schedule gives without a floor. */
    public Duration max() {
        return max;
    }
}
