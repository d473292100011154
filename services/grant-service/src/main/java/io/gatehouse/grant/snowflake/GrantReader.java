package io.gatehouse.grant.snowflake;

import io.gatehouse.grant.domain.Grant;
import io.gatehouse.grant.domain.SchemaRef;
import io.gatehouse.grant.domain.Securable;
import io.gatehouse.naming.Identifier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a managed role's actual grants: {@code SHOW GRANTS TO ROLE} (what it holds), {@code SHOW GRANTS OF ROLE}
 * (where it is granted) and, for a shared schema, {@code SHOW FUTURE GRANTS IN SCHEMA}. OWNERSHIP rows are left
 * out: Gatehouse never grants ownership and cannot revoke it. SHOW column names are lower case.
 */
public final class GrantReader {

    private GrantReader() {
    }

    /** The role's grants, or empty when the role does not exist (2003). */
    public static Optional<Set<Grant>> read(Connection c, String role, Optional<SchemaRef> sharedSchema) throws SQLException {
        Set<Grant> grants = new HashSet<>();
        try (java.sql.Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GRANTS TO ROLE " + Identifier.quote(role))) {
            while (rs.next()) {
                privilege(rs.getString("privilege"), rs.getString("granted_on"), rs.getString("name")).ifPresent(grants::add);
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 2003) {
                return Optional.empty();
            }
            throw e;
        }
        grants.add(new Grant.RoleExists());
        try (java.sql.Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GRANTS OF ROLE " + Identifier.quote(role))) {
            while (rs.next()) {
                String to = rs.getString("granted_to");
                if ("ROLE".equals(to) || "USER".equals(to)) {
                    grants.add(new Grant.GrantedTo(Grant.Grantee.valueOf(to), rs.getString("grantee_name")));
                }
            }
        }
        if (sharedSchema.isPresent()) {
            try (java.sql.Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW FUTURE GRANTS IN SCHEMA " + sharedSchema.get().qualified())) {
                while (rs.next()) {
                    if (role.equals(rs.getString("grantee_name")) && "TABLE".equals(rs.getString("grant_on"))) {
                        grants.add(new Grant.Privilege(rs.getString("privilege"), new Securable(
                                Securable.Type.FUTURE_TABLES_IN_SCHEMA,
                                java.util.List.of(sharedSchema.get().database(), sharedSchema.get().schema()))));
                    }
                }
            }
        }
        return Optional.of(grants);
    }

    static Optional<Grant> privilege(String privilege, String grantedOn, String name) {
        if ("OWNERSHIP".equals(privilege)) {
            return Optional.empty();
        }
        Securable.Type type;
        switch (grantedOn) {
            case "DATABASE":
                type = Securable.Type.DATABASE;
                break;
            case "SCHEMA":
                type = Securable.Type.SCHEMA;
                break;
            case "TABLE":
                type = Securable.Type.TABLE;
                break;
            case "ROLE":
                type = Securable.Type.ROLE;
                break;
            case "WAREHOUSE":
                type = Securable.Type.WAREHOUSE;
                break;
            default:
                // account privileges, integrations...: outside what Gatehouse manages on its roles
                return Optional.empty();
        }
        return Optional.of(new Grant.Privilege(privilege, new Securable(type, Identifier.parseQualified(name))));
    }
}
