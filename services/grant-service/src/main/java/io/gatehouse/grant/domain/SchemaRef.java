package io.gatehouse.grant.domain;

import java.util.List;

/** A schema by the names Snowflake stores. */
public record SchemaRef(String database, String schema) {

    public SchemaRef {
        Identifier.validate("database", database);
        Identifier.validate("schema", schema);
    }

    public String qualified() {
        return Identifier.qualified(List.of(database, schema));
    }
}
