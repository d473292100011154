package io.gatehouse.events;

import java.util.List;

/** The grant-service changed a managed role in Snowflake; {@code statements} is the SQL it ran, in order. */
public record GrantsApplied(
        String role,
        String causeEventId,
        String causeType,
        List<String> statements) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return role;
    }
}
