package io.gatehouse.events;

/** The request's running connection broke (Fivetran reported a failure); it waits in BROKEN until a sync succeeds, Fivetran reports {@code connection_successful}, or an operator re-activates it. */
public record ConnectorInterrupted(
        String requestId,
        String connectionId,
        String reason) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return requestId;
    }
}
