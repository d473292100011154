package io.gatehouse.events;

/** Fivetran confirmed {@code setup_state == connected} after the owner came back through the redirect. */
public record SetupCompleted(String requestId, String connectionId) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return requestId;
    }
}
