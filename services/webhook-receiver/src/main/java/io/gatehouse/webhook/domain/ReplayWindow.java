package io.gatehouse.webhook.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * How old a signed webhook may be. The signature proves Fivetran made the bytes once, not that Fivetran sends them
 * now: a captured body stays correctly signed forever. Its {@code created} time bounds how long it can be replayed;
 * inside the window the delivery key (kept longer than the window) catches a second arrival.
 */
public record ReplayWindow(Duration maxAge, Duration maxSkew) {

    /** The verdict on one webhook's {@code created}. */
    public enum Verdict {
        FRESH, TOO_OLD, IN_FUTURE, UNREADABLE
    }

    public ReplayWindow {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(maxSkew, "maxSkew");
        if (maxAge.isNegative() || maxAge.isZero() || maxSkew.isNegative()) {
            throw new IllegalArgumentException("the replay window must be positive and the clock skew not negative");
        }
    }

    /**
     * Fresh when {@code created} lies in {@code [now - maxAge, now + maxSkew]}, both ends included. A missing or
     * unreadable time is {@link Verdict#UNREADABLE}: a body without it could be replayed for ever.
     */
    public Verdict judge(String created, Instant now) {
        if (created == null) {
            return Verdict.UNREADABLE;
        }
        Instant at;
        try {
            // Fivetran writes "2026-05-22T00:06:08.638Z"; an explicit offset is read as well.
            at = OffsetDateTime.parse(created).toInstant();
        } catch (DateTimeParseException e) {
            return Verdict.UNREADABLE;
        }
        if (at.isBefore(now.minus(maxAge))) {
            return Verdict.TOO_OLD;
        }
        if (at.isAfter(now.plus(maxSkew))) {
            return Verdict.IN_FUTURE;
        }
        return Verdict.FRESH;
    }
}
