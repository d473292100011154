package io.gatehouse.events;

/** A normalised Fivetran success webhook ({@code connection_successful}): the connection's setup tests pass again. */
public record ConnectorHealthy(
        String connectionId,
        @OptionalField String groupId,
        String fivetranEvent) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return connectionId;
    }
}
