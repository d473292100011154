package io.gatehouse.webhook.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether the owner link sends the browser on to the request's bound Connect Card, or asks for a fresh one. A card is
 * handed out only while it stays usable for {@code margin}; a fresh card is asked for at most once per issued card
 * and {@code reissueInterval}, so reloads and concurrent owners ask once, and a request that got lost is repeated.
 */
public record CardHandout(Duration margin, Duration reissueInterval) {

    public CardHandout {
        Objects.requireNonNull(margin, "margin");
        Objects.requireNonNull(reissueInterval, "reissueInterval");
        if (margin.isNegative() || reissueInterval.isNegative() || reissueInterval.isZero()) {
            throw new IllegalArgumentException("the margin must not be negative and the reissue interval must be positive");
        }
    }

    /** The card stays usable until at least {@code now + margin}; a card without an expiry is always usable. */
    public boolean usable(Instant expiresAt, Instant now) {
        return expiresAt == null || !now.plus(margin).isAfter(expiresAt);
    }

    /**
     * A fresh card should be asked for now: never asked for this card (none asked, or asked before it was issued),
     * or the last ask is at least {@code reissueInterval} old.
     */
    public boolean reissueDue(Instant issuedAt, Instant lastAsked, Instant now) {
        return lastAsked == null || lastAsked.isBefore(issuedAt) || !lastAsked.plus(reissueInterval).isAfter(now);
    }
}
