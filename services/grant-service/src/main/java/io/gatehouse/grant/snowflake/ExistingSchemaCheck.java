package io.gatehouse.grant.snowflake;

import io.gatehouse.grant.domain.SchemaRef;
import io.gatehouse.naming.Identifier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A shared schema Gatehouse is about to manage that already exists must be a managed-access schema owned by the service
 * role: {@code CREATE SCHEMA IF NOT EXISTS ... WITH MANAGED ACCESS} leaves an existing schema as it is, and in a schema
 * without managed access each table's owner grants on it, so the members' grants Gatehouse makes would not be the
 * whole truth; owned by another role, the service role could not manage its future grants.
 */
public final class ExistingSchemaCheck {

    private ExistingSchemaCheck() {
    }

    /** Why Gatehouse must not manage the existing schema, or empty when it may (or the schema does not exist yet). */
    public static Optional<String> refusal(Connection c, SchemaRef schema) throws SQLException {
        String owner = null;
        String options = null;
        // LIKE with every character but letters and digits as '_' (one of anything): no escaping, exact match below
        String like = schema.schema().replaceAll("[^A-Za-z0-9]", "_");
        try (java.sql.Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SCHEMAS LIKE '" + like + "' IN DATABASE " + Identifier.quote(schema.database()))) {
            while (rs.next()) {
                if (schema.schema().equals(rs.getString("name"))) {
                    owner = rs.getString("owner");
                    options = rs.getString("options");
                }
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 2003) {
                return Optional.empty(); // no such database (or not visible): the CREATE SCHEMA fails the usual way
            }
            throw e;
        }
        if (owner == null) {
            return Optional.empty();
        }
        String serviceRole = currentRole(c);
        if (options == null || !options.contains("MANAGED ACCESS")) {
            return Optional.of("refusing to manage shared schema " + schema.qualified() + ": it exists without managed "
                    + "access (ALTER SCHEMA " + schema.qualified() + " ENABLE MANAGED ACCESS, owned by " + serviceRole
                    + ", then replay the parked job: POST /failures/{id}/replay)");
        }
        if (!owner.equals(serviceRole)) {
            return Optional.of("refusing to manage shared schema " + schema.qualified() + ": it is owned by " + owner
                    + ", not by the service role " + serviceRole + " (GRANT OWNERSHIP ON SCHEMA " + schema.qualified()
                    + " TO ROLE " + serviceRole + " COPY CURRENT GRANTS, then replay the parked job: POST /failures/{id}/replay)");
        }
        return Optional.empty();
    }

    private static String currentRole(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_ROLE()")) {
            return rs.next() ? rs.getString(1) : "";
        }
    }
}
