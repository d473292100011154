package io.gatehouse.connector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.retry.Backoff;
import java.time.Duration;
import java.time.Instant;

/** Test data of the lifecycle unit tests: a fixed clock, fixed settings and a request in any state. */
final class LifecycleFixture {

    static final String REQUEST = "req-1";
    static final String CONNECTION = "conn-1";
    static final String CARD = "https://fivetran.test/card/1";
    static final String LAST_ERROR = "HTTP 503 from Fivetran";
    static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    /** The due time a claim set: the lease of the claiming worker. */
    static final Instant LEASED_UNTIL = NOW.plusSeconds(120);
    static final Instant CARD_EXPIRES = NOW.minusSeconds(3600);
    static final long VERSION = 7;
    static final Duration CARD_TTL = Duration.ofDays(1);
    static final int MAX_ATTEMPTS = 3;
    /** Jitter fixed at the middle: attempt 1 waits 750 ms, attempt 2 waits 1500 ms. */
    static final ConnectorLifecycle LIFECYCLE = new ConnectorLifecycle(CARD_TTL, MAX_ATTEMPTS,
            new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10), () -> 0.5));

    private LifecycleFixture() {
    }

    /**
     * A request in {@code state} as it would be: a connection once past PENDING, a card from CARD_ISSUED on, one
     * failed attempt behind it and claimed by a worker.
     */
    static RequestProgress request(ConnectorState state) {
        boolean pending = state == ConnectorState.PENDING;
        boolean carded = state.compareTo(ConnectorState.CARD_ISSUED) >= 0;
        return new RequestProgress(REQUEST, state, pending ? null : CONNECTION, carded ? CARD : null,
                carded ? CARD_EXPIRES : null, false, 1, LAST_ERROR, LEASED_UNTIL, VERSION);
    }

    /** A request REACTIVATING from {@code from} (BROKEN or FAILED), claimed by a worker, as {@link #request} makes it. */
    static RequestProgress reactivating(ConnectorState from) {
        RequestProgress p = request(ConnectorState.REACTIVATING);
        return new RequestProgress(p.requestId(), p.state(), p.connectionId(), p.cardUri(), p.cardExpiresAt(),
                p.tablesDue(), p.attempts(), p.lastError(), p.nextAttemptAt(), p.version(), from);
    }

    static RequestProgress withAttempts(RequestProgress p, int attempts) {
        return new RequestProgress(p.requestId(), p.state(), p.connectionId(), p.cardUri(), p.cardExpiresAt(),
                p.tablesDue(), attempts, p.lastError(), p.nextAttemptAt(), p.version(), p.reactivatingFrom());
    }

    static RequestProgress withVersion(RequestProgress p, long version) {
        return new RequestProgress(p.requestId(), p.state(), p.connectionId(), p.cardUri(), p.cardExpiresAt(),
                p.tablesDue(), p.attempts(), p.lastError(), p.nextAttemptAt(), version, p.reactivatingFrom());
    }

    /** What the worker saw when it claimed {@code p}. */
    static Claim claimOf(RequestProgress p) {
        return new Claim(p.state(), p.version());
    }

    /** Refused: nothing changes, nothing is published, and the reason says why. */
    static void assertRefused(Transition transition, RequestProgress current, String reason) {
        assertThat(transition.accepted()).isFalse();
        assertThat(transition.refusal()).contains(reason);
        assertThat(transition.next()).isEqualTo(current);
        assertThat(transition.publish()).isEmpty();
    }
}
