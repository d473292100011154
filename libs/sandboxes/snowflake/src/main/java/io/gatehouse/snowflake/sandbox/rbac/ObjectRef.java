package io.gatehouse.snowflake.sandbox.rbac;

import io.gatehouse.snowflake.sandbox.sql.ObjectKind;

/**
 * Fully resolved reference to a securable object. {@code database}/{@code schema} are the containers
 * (null for account-level objects); {@code name} is the object's own stored name.
 */
public record ObjectRef(ObjectKind kind, String database, String schema, String name) {

    public static ObjectRef account(String accountName) {
        return new ObjectRef(ObjectKind.ACCOUNT, null, null, accountName);
    }

    public static ObjectRef database(String name) {
        return new ObjectRef(ObjectKind.DATABASE, null, null, name);
    }

    public static ObjectRef schema(String database, String name) {
        return new ObjectRef(ObjectKind.SCHEMA, database, null, name);
    }

    public static ObjectRef table(String database, String schema, String name) {
        return new ObjectRef(ObjectKind.TABLE, database, schema, name);
    }

    public static ObjectRef role(String name) {
        return new ObjectRef(ObjectKind.ROLE, null, null, name);
    }

    public static ObjectRef user(String name) {
        return new ObjectRef(ObjectKind.USER, null, null, name);
    }

    public static ObjectRef warehouse(String name) {
        return new ObjectRef(ObjectKind.WAREHOUSE, null, null, name);
    }

    /** The schema that contains this table, or null. */
    public ObjectRef parentSchema() {
        return kind == ObjectKind.TABLE ? schema(database, schema) : null;
    }

    /** The database that contains this schema or table, or null. */
    public ObjectRef parentDatabase() {
        return database == null ? null : database(database);
    }

    /** The name column of SHOW GRANTS: qualified, each part quoted when needed (e.g. {@code D.S."My Table"}). */
    public String qualified() {
        return switch (kind) {
            case DATABASE -> Names.quoteIfNeeded(name);
            case SCHEMA -> Names.quoteIfNeeded(database) + "." + Names.quoteIfNeeded(name);
            case TABLE -> Names.quoteIfNeeded(database) + "." + Names.quoteIfNeeded(schema) + "."
                    + Names.quoteIfNeeded(name);
            default -> name;
        };
    }

    /** How Snowflake names the object in error messages: dotted, unquoted. */
    public String display() {
        return switch (kind) {
            case SCHEMA -> database + "." + name;
            case TABLE -> database + "." + schema + "." + name;
            default -> name;
        };
    }

    /** The kind as error messages spell it ("Schema", "Database", ...). */
    public String kindLabel() {
        String k = kind.name();
        return k.charAt(0) + k.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
