package io.gatehouse.events;

/** A table left the platform (or its group). */
public record TableRemoved(
        String database,
        String schema,
        String table,
        @OptionalField String tableGroup) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return TableNames.qualified(database, schema, table);
    }
}
