package io.gatehouse.snowflake.sandbox.sql;

import java.util.List;
import java.util.Map;

/** The parsed statements of the supported subset of Snowflake SQL. */
public sealed interface Statement {

    record CreateDatabase(String name, boolean ifNotExists) implements Statement {
    }

    record DropDatabase(String name, boolean ifExists) implements Statement {
    }

    record CreateSchema(QualifiedName name, boolean ifNotExists, boolean managedAccess) implements Statement {
    }

    record DropSchema(QualifiedName name, boolean ifExists) implements Statement {
    }

    record CreateTable(QualifiedName name, boolean ifNotExists, List<ColumnDefinition> columns) implements Statement {
    }

    record DropTable(QualifiedName name, boolean ifExists) implements Statement {
    }

    /** {@code properties} holds PASSWORD, DEFAULT_ROLE, ... with upper-case keys. */
    record CreateUser(String name, boolean ifNotExists, Map<String, String> properties) implements Statement {
    }

    record DropUser(String name, boolean ifExists) implements Statement {
    }

    /** {@code ALTER USER [IF EXISTS] name SET KEY = value ...} or {@code UNSET KEY, ...}; upper-case keys. */
    record AlterUser(String name, boolean ifExists, Map<String, String> set, List<String> unset) implements Statement {
    }

    record DescribeUser(String name) implements Statement {
    }

    record CreateRole(String name, boolean ifNotExists) implements Statement {
    }

    record DropRole(String name, boolean ifExists) implements Statement {
    }

    /** {@code GRANT ROLE role TO ROLE|USER grantee}, or REVOKE when {@code grant} is false. */
    record RoleGrantStatement(boolean grant, String role, ObjectKind granteeKind, String grantee) implements Statement {
    }

    /** {@code GRANT privileges ON target TO ROLE role [WITH GRANT OPTION]}, or REVOKE. */
    record PrivilegeGrantStatement(boolean grant, List<String> privileges, GrantTarget target, String role,
                                   boolean withGrantOption) implements Statement {
    }

    /** {@code GRANT OWNERSHIP ON object TO ROLE role [COPY | REVOKE CURRENT GRANTS]}. */
    record GrantOwnership(GrantTarget.Single target, String role, boolean copyCurrentGrants) implements Statement {
    }

    record UseRole(String role) implements Statement {
    }

    record UseDatabase(String database) implements Statement {
    }

    record UseSchema(QualifiedName schema) implements Statement {
    }

    /** ALTER SESSION (and USE SECONDARY ROLES): accepted without effect on access control. */
    record Accepted(String kind, String message) implements Statement {
    }

    record ShowRoles(String like) implements Statement {
    }

    record ShowGrantsTo(ObjectKind kind, String name) implements Statement {
    }

    record ShowGrantsOf(String role) implements Statement {
    }

    /** {@code SHOW GRANTS ON ACCOUNT} has {@code kind == ACCOUNT} and a null name. */
    record ShowGrantsOn(ObjectKind kind, QualifiedName name) implements Statement {
    }

    record ShowFutureGrantsIn(ObjectKind kind, QualifiedName container) implements Statement {
    }

    record ShowUsers(String like) implements Statement {
    }

    record ShowDatabases(String like) implements Statement {
    }

    /** {@code database} is null for the current database. */
    record ShowSchemas(String like, String database) implements Statement {
    }

    record ShowTables(String like, QualifiedName schema) implements Statement {
    }

    /** {@code SELECT CURRENT_ROLE(), 1 AS X}: a select list of functions and literals without FROM. */
    record SelectValues(List<SelectItem> items) implements Statement {
    }

    /**
     * {@code SELECT columns FROM t [WHERE condition] [LIMIT n]}; {@code where} and {@code limit} are null when
     * absent. Reading rows needs a warehouse in Snowflake, unlike the statements above.
     */
    record SelectFrom(QualifiedName table, List<SelectColumn> columns, Condition where, Long limit)
            implements Statement {
        public SelectFrom {
            columns = List.copyOf(columns);
        }
    }

    record Insert(QualifiedName table, List<List<Object>> rows) implements Statement {
    }

    /** One select-list item: a function name such as CURRENT_ROLE, or a literal value. */
    record SelectItem(String function, Object literal, String label) {
    }

    // ---- warehouses and user defaults (issue 14)

    /** Properties such as WAREHOUSE_SIZE or AUTO_SUSPEND are accepted and kept only as far as COMMENT goes. */
    record CreateWarehouse(String name, boolean ifNotExists, Map<String, String> properties) implements Statement {
    }

    record DropWarehouse(String name, boolean ifExists) implements Statement {
    }

    record UseWarehouse(String warehouse) implements Statement {
    }

    record ShowWarehouses(String like) implements Statement {
    }
}
