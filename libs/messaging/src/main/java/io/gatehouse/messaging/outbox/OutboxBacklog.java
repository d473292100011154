package io.gatehouse.messaging.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * What waits in the outbox now: unsent rows, parked rows, and when the oldest unsent one was written. Read in the
 * caller's transaction; the relay's gauges and {@code GET /pipeline} both read it, so they count the same rows.
 */
public record OutboxBacklog(long pending, long parked, Optional<Instant> oldestPending) {

    public static OutboxBacklog read() {
        return new OutboxBacklog(OutboxEvent.countPending(), OutboxEvent.countParked(), OutboxEvent.oldestPending());
    }
}
