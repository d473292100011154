package io.gatehouse.grant.domain;

import java.util.List;

/** A table by the names Snowflake stores. */
public record TableRef(String database, String schema, String table) {

    public TableRef {
        Identifier.validate("database", database);
        Identifier.validate("schema", schema);
        Identifier.validate("table", table);
    }

    public String qualified() {
        return Identifier.qualified(List.of(database, schema, table));
    }
}
