package io.gatehouse.events;

import java.time.Instant;

/** The Connect Card link the owner opens; only the link itself, never a token on its own. */
public record ConnectCardIssued(
        String requestId,
        String connectionId,
        String connectCardUri,
        Instant expiresAt,
        @OptionalField String ownerLink) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return requestId;
    }
}
