package io.gatehouse.grant.domain;

import java.time.Instant;

/**
 * The order of changes to one fact is their events' time, not their arrival: an event older than the last change
 * applied to that fact is stale (a DLQ replay, a source re-sending with a new id) and changes nothing. Equal times
 * apply, as they always did: the later arrival wins.
 */
public final class EventOrder {

    private EventOrder() {
    }

    /** Whether an event at {@code eventTime} may change a fact last changed at {@code lastChange} (null: never). */
    public static boolean applies(Instant lastChange, Instant eventTime) {
        return lastChange == null || !eventTime.isBefore(lastChange);
    }
}
