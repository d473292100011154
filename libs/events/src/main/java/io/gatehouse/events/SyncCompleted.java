package io.gatehouse.events;

/** A normalised Fivetran {@code sync_end} webhook. */
public record SyncCompleted(
        String connectionId,
        @OptionalField String groupId,
        @OptionalField String syncId,
        SyncStatus status,
        @OptionalField String reason) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return connectionId;
    }
}
