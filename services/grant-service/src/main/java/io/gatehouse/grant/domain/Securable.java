package io.gatehouse.grant.domain;

import io.gatehouse.naming.Identifier;
import java.util.List;

/**
 * What a privilege is on: a database, schema, table, role (a role held), all / future tables of a schema, or a
 * warehouse (USAGE on it lets the role run queries that read rows).
 */
public record Securable(Type type, List<String> parts) {

    public enum Type {
        DATABASE(1, "DATABASE"),
        SCHEMA(2, "SCHEMA"),
        TABLE(3, "TABLE"),
        ALL_TABLES_IN_SCHEMA(2, "ALL TABLES IN SCHEMA"),
        FUTURE_TABLES_IN_SCHEMA(2, "FUTURE TABLES IN SCHEMA"),
        ROLE(1, "ROLE"),
        WAREHOUSE(1, "WAREHOUSE");

        final int arity;
        final String sql;

        Type(int arity, String sql) {
            this.arity = arity;
            this.sql = sql;
        }
    }

    public Securable {
        parts = List.copyOf(parts);
        if (parts.size() != type.arity) {
            throw new IllegalArgumentException(type + " needs " + type.arity + " name parts: " + parts);
        }
        parts.forEach(p -> Identifier.validate(type.name().toLowerCase() + " name", p));
    }

    public static Securable database(String db) {
        return new Securable(Type.DATABASE, List.of(db));
    }

    public static Securable schema(String db, String schema) {
        return new Securable(Type.SCHEMA, List.of(db, schema));
    }

    public static Securable table(String db, String schema, String table) {
        return new Securable(Type.TABLE, List.of(db, schema, table));
    }

    public static Securable role(String role) {
        return new Securable(Type.ROLE, List.of(role));
    }

    public static Securable warehouse(String warehouse) {
        return new Securable(Type.WAREHOUSE, List.of(warehouse));
    }

    public String name() {
        return Identifier.qualified(parts);
    }

    /** {@code TABLE "D"."S"."T"} as it follows {@code ON} in a GRANT. */
    public String sql() {
        return type.sql + " " + name();
    }
}
