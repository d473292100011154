package io.gatehouse.events;

/** The connection was unpaused in Fivetran: its first sync starts. */
public record ConnectorActivated(String requestId, String connectionId) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return requestId;
    }
}
