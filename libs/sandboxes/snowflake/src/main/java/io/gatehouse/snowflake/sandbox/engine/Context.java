package io.gatehouse.snowflake.sandbox.engine;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.rbac.AccessControl;
import io.gatehouse.snowflake.sandbox.rbac.Account;
import io.gatehouse.snowflake.sandbox.rbac.ObjectRef;
import io.gatehouse.snowflake.sandbox.rbac.SecurableObject;
import io.gatehouse.snowflake.sandbox.sql.QualifiedName;
import java.util.Set;

/**
 * What a statement runs with: the account, its rules, the session, and the active role's whole
 * hierarchy ({@code roles}). Resolves partial names with the session's current database and schema.
 */
record Context(Account account, AccessControl access, Session session, Set<String> roles, boolean warehouseRequired) {

    String role() {
        return session.role();
    }

    ObjectRef database(String name) {
        return ObjectRef.database(name);
    }

    ObjectRef schema(QualifiedName name, String operation) {
        if (name.size() == 2) {
            return ObjectRef.schema(name.parts().get(0), name.parts().get(1));
        }
        return ObjectRef.schema(currentDatabase(operation), name.last());
    }

    ObjectRef table(QualifiedName name, String operation) {
        return switch (name.size()) {
            case 3 -> ObjectRef.table(name.parts().get(0), name.parts().get(1), name.parts().get(2));
            case 2 -> ObjectRef.table(currentDatabase(operation), name.parts().get(0), name.parts().get(1));
            default -> ObjectRef.table(currentDatabase(operation), currentSchema(operation), name.last());
        };
    }

    private String currentDatabase(String operation) {
        if (session.database() == null) {
            throw new SqlException("090105", "22000", "Cannot perform " + operation
                    + ". This session does not have a current database. Call 'USE DATABASE', or use a qualified name.");
        }
        return session.database();
    }

    private String currentSchema(String operation) {
        if (session.schema() == null) {
            throw new SqlException("090106", "22000", "Cannot perform " + operation
                    + ". This session does not have a current schema. Call 'USE SCHEMA', or use a qualified name.");
        }
        return session.schema();
    }

    /**
     * USAGE (or ownership) on a container, as needed to reach anything inside it (access-control-considerations:
     * "users must be granted USAGE on the container database and schema"). Without it the container is reported
     * as not existing, exactly as Snowflake hides it.
     */
    SecurableObject requireUsage(ObjectRef container) {
        SecurableObject object = account.find(container).orElse(null);
        if (object == null || !access.hasPrivilege(roles, container, "USAGE")) {
            throw SqlException.notFound(container.kindLabel(), container.display());
        }
        return object;
    }

    /** Fails with 003001 on {@code on} unless the roles hold {@code privilege} on {@code on}. */
    void requirePrivilege(ObjectRef on, String privilege) {
        if (!access.hasPrivilege(roles, on, privilege)) {
            throw SqlException.insufficientPrivileges(on.kind().name().toLowerCase(java.util.Locale.ROOT), on.name());
        }
    }

    /**
     * A statement that reads or writes rows runs on a warehouse: without a current one the roles may use,
     * Snowflake fails it with 000606 (after compilation, so privilege errors come first). Off while
     * {@code warehouseRequired} is false (see SnowflakeSandbox.Builder#requireWarehouse).
     */
    void requireWarehouse() {
        if (warehouseRequired && !WarehouseStatements.usable(access, roles, session.warehouse())) {
            throw new SqlException("000606", "57P03", "No active warehouse selected in the current session.  Select an"
                    + " active warehouse with the 'use warehouse' command.");
        }
    }

    void requireAccountPrivilege(String privilege) {
        if (!access.hasAccountPrivilege(roles, privilege)) {
            throw SqlException.insufficientPrivileges("account", account.name());
        }
    }
}
