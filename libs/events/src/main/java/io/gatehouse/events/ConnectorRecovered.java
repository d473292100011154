package io.gatehouse.events;

/** A BROKEN connection runs again; what landed meanwhile is announced. */
public record ConnectorRecovered(
        String requestId,
        String connectionId,
        String signal) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return requestId;
    }
}
