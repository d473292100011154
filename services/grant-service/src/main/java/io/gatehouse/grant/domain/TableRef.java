package io.gatehouse.grant.domain;

import io.gatehouse.naming.Identifier;
import io.gatehouse.naming.InvalidNameException;
import java.util.List;

/** A table by the names Snowflake stores. */
public record TableRef(String database, String schema, String table) {

    public TableRef {
        Identifier.validate("database", database);
        Identifier.validate("schema", schema);
        Identifier.validate("table", table);
    }

    /** {@code DB.SCHEMA.TABLE} as an operator writes it: each part quoted or not ({@link Identifier#parseQualified}). */
    public static TableRef parse(String text) {
        List<String> parts = Identifier.parseQualified(text);
        if (parts.size() != 3) {
            throw new InvalidNameException("expected DB.SCHEMA.TABLE, got " + text);
        }
        return new TableRef(parts.get(0), parts.get(1), parts.get(2));
    }

    public String qualified() {
        return Identifier.qualified(List.of(database, schema, table));
    }

    /** {@code DB.SCHEMA.TABLE} as SHOW prints it, for people to read; {@link #parse} reads it back. */
    public String display() {
        return display(List.of(database, schema, table));
    }

    /** Parts joined by dots, a part quoted only when it holds more than letters, digits, {@code _} and {@code $}. */
    static String display(List<String> parts) {
        return String.join(".", parts.stream().map(p -> p.matches("[A-Za-z0-9_$]+") ? p : Identifier.quote(p)).toList());
    }
}
