package io.gatehouse.events;

/** A normalised Fivetran failure webhook ({@code connection_failure}, a failed setup test...). */
public record ConnectorBroken(
        String connectionId,
        @OptionalField String groupId,
        String fivetranEvent,
        String reason) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return connectionId;
    }
}
