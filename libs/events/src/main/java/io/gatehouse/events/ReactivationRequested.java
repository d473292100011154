package io.gatehouse.events;

/** An operator asked to bring a BROKEN or FAILED request's connection back: the connector-service checks the connection with Fivetran and resumes it. */
public record ReactivationRequested(
        String requestId,
        @OptionalField String reason) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return requestId;
    }
}
