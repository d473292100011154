package io.gatehouse.snowflake.sandbox.engine;

/**
 * One logged-in driver session: the user, the active (primary) role and the current database/schema.
 * Only the primary role is modelled (no secondary roles), see AccessControl.
 */
public final class Session {

    private final String token;
    private final long id;
    private final String user;
    private volatile String role;
    private volatile String database;
    private volatile String schema;
    private volatile String warehouse;

    public Session(String token, long id, String user, String role) {
        this.token = token;
        this.id = id;
        this.user = user;
        this.role = role;
    }

    public String token() {
        return token;
    }

    public long id() {
        return id;
    }

    public String user() {
        return user;
    }

    public String role() {
        return role;
    }

    public void role(String newRole) {
        this.role = newRole;
    }

    public String database() {
        return database;
    }

    public void database(String newDatabase) {
        this.database = newDatabase;
    }

    public String schema() {
        return schema;
    }

    public void schema(String newSchema) {
        this.schema = newSchema;
    }

    public String warehouse() {
        return warehouse;
    }

    public void warehouse(String newWarehouse) {
        this.warehouse = newWarehouse;
    }
}
