package io.gatehouse.events;

/** Outcome of a Fivetran sync, as {@code sync_end}'s {@code data.status} gives it. */
public enum SyncStatus {
    SUCCESSFUL,
    FAILED
}
