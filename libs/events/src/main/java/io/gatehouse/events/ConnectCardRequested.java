package io.gatehouse.events;

/**
 * The platform team asked for a fresh Connect Card for an existing request (the last one expired or
 * was lost); the connector-service regenerates it and answers with a new {@link ConnectCardIssued}.
 */
public record ConnectCardRequested(String requestId) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return requestId;
    }
}
