package io.gatehouse.events;

import java.util.List;

/** A table landed in Snowflake and joins a table group, published in the given businesses. */
public record TableAdded(
        String database,
        String schema,
        String table,
        String tableGroup,
        List<String> businesses,
        @OptionalField String connectionId,
        @OptionalField String requestId) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return TableNames.qualified(database, schema, table);
    }
}
