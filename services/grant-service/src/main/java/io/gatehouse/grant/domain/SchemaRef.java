package io.gatehouse.grant.domain;

import io.gatehouse.naming.Identifier;
import io.gatehouse.naming.InvalidNameException;
import java.util.List;

/** A schema by the names Snowflake stores. */
public record SchemaRef(String database, String schema) {

    public SchemaRef {
        Identifier.validate("database", database);
        Identifier.validate("schema", schema);
    }

    /** {@code DB.SCHEMA} as an operator writes it: each part quoted or not ({@link Identifier#parseQualified}). */
    public static SchemaRef parse(String text) {
        List<String> parts = Identifier.parseQualified(text);
        if (parts.size() != 2) {
            throw new InvalidNameException("expected DB.SCHEMA, got " + text);
        }
        return new SchemaRef(parts.get(0), parts.get(1));
    }

    public String qualified() {
        return Identifier.qualified(List.of(database, schema));
    }

    /** {@code DB.SCHEMA} as SHOW prints it, for people to read; {@link #parse} reads it back. */
    public String display() {
        return TableRef.display(List.of(database, schema));
    }
}
