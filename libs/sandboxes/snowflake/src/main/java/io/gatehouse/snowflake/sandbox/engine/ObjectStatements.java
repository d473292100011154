package io.gatehouse.snowflake.sandbox.engine;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.rbac.Credentials;
import io.gatehouse.snowflake.sandbox.rbac.FutureGrant;
import io.gatehouse.snowflake.sandbox.rbac.ObjectRef;
import io.gatehouse.snowflake.sandbox.rbac.PrivilegeGrant;
import io.gatehouse.snowflake.sandbox.rbac.Privileges;
import io.gatehouse.snowflake.sandbox.rbac.SecurableObject;
import io.gatehouse.snowflake.sandbox.rbac.SystemRoles;
import io.gatehouse.snowflake.sandbox.rbac.UserKeys;
import io.gatehouse.snowflake.sandbox.sql.ObjectKind;
import io.gatehouse.snowflake.sandbox.sql.Statement;
import java.util.List;

/**
 * CREATE and DROP of databases, schemas, tables, users and roles. The creating (active) role owns what it
 * creates; DROP needs OWNERSHIP, which a role holds also through its hierarchy.
 */
final class ObjectStatements {

    private ObjectStatements() {
    }

    static Result createDatabase(Context c, Statement.CreateDatabase s) {
        ObjectRef ref = ObjectRef.database(s.name());
        c.requireAccountPrivilege(Privileges.CREATE_DATABASE);
        if (c.account().exists(ref)) {
            return existing(s.ifNotExists(), s.name());
        }
        c.account().put(new SecurableObject(ref, c.role(), c.account().now(), false, List.of(), ""));
        // Every new database comes with a PUBLIC schema owned by the same role.
        c.account().put(new SecurableObject(ObjectRef.schema(s.name(), "PUBLIC"), c.role(), c.account().now(), false,
                List.of(), ""));
        c.session().database(s.name());
        c.session().schema("PUBLIC");
        return Result.ddl("Database " + s.name() + " successfully created.");
    }

    static Result createSchema(Context c, Statement.CreateSchema s) {
        ObjectRef ref = c.schema(s.name(), "CREATE SCHEMA");
        ObjectRef db = ref.parentDatabase();
        c.requireUsage(db);
        c.requirePrivilege(db, Privileges.CREATE_SCHEMA);
        if (c.account().exists(ref)) {
            return existing(s.ifNotExists(), ref.name());
        }
        c.account().put(new SecurableObject(ref, c.role(), c.account().now(), s.managedAccess(), List.of(), ""));
        c.session().database(ref.database());
        c.session().schema(ref.name());
        return Result.ddl("Schema " + ref.name() + " successfully created.");
    }

    static Result createTable(Context c, Statement.CreateTable s) {
        ObjectRef ref = c.table(s.name(), "CREATE TABLE");
        ObjectRef schema = ref.parentSchema();
        c.requireUsage(ref.parentDatabase());
        c.requireUsage(schema);
        c.requirePrivilege(schema, Privileges.CREATE_TABLE);
        if (c.account().exists(ref)) {
            return existing(s.ifNotExists(), ref.name());
        }
        c.account().put(new SecurableObject(ref, c.role(), c.account().now(), false, s.columns(), ""));
        applyFutureGrants(c, ref);
        return Result.ddl("Table " + ref.name() + " successfully created.");
    }

    /**
     * Future grants on tables: schema-level ones take precedence and database-level ones are then ignored
     * entirely, for all roles (grant-privilege docs, "Considerations" for future grants).
     */
    private static void applyFutureGrants(Context c, ObjectRef table) {
        ObjectRef schema = table.parentSchema();
        List<FutureGrant> inSchema = c.account().futureGrants().stream()
                .filter(f -> f.container().equals(schema)).toList();
        List<FutureGrant> applicable = !inSchema.isEmpty() ? inSchema : c.account().futureGrants().stream()
                .filter(f -> f.container().equals(table.parentDatabase())).toList();
        String grantor = c.access().grantorFor(c.access().effectiveRoles(c.role()), c.role(), table);
        boolean managed = c.access().managedSchemaOf(table) != null;
        for (FutureGrant f : applicable) {
            if (f.privilege().equals(Privileges.OWNERSHIP)) {
                c.account().put(c.account().find(table).orElseThrow().withOwner(f.grantee()));
                continue;
            }
            c.account().addGrant(new PrivilegeGrant(f.privilege(), table, f.grantee(), f.grantOption() && !managed,
                    grantor, c.account().now()));
        }
    }

    static Result createUser(Context c, Statement.CreateUser s) {
        c.requireAccountPrivilege(Privileges.CREATE_USER);
        ObjectRef ref = ObjectRef.user(s.name());
        if (c.account().exists(ref)) {
            return existing(s.ifNotExists(), s.name());
        }
        String defaultRole = s.properties().get("DEFAULT_ROLE");
        UserKeys keys = UserStatements.keysOf(s.properties());
        c.account().put(new SecurableObject(ref, c.role(), c.account().now(), false, List.of(),
                s.properties().getOrDefault("COMMENT", "")));
        c.account().setCredentials(s.name(), Credentials.of(s.properties().get("PASSWORD"), defaultRole));
        c.account().setUserKeys(s.name(), keys);
        c.account().setDefaultWarehouse(s.name(), s.properties().get("DEFAULT_WAREHOUSE"));
        return Result.ddl("User " + s.name() + " successfully created.");
    }

    static Result createRole(Context c, Statement.CreateRole s) {
        c.requireAccountPrivilege(Privileges.CREATE_ROLE);
        ObjectRef ref = ObjectRef.role(s.name());
        if (c.account().exists(ref)) {
            return existing(s.ifNotExists(), s.name());
        }
        // The creator owns the role but does not inherit its privileges (access-control overview).
        c.account().put(new SecurableObject(ref, c.role(), c.account().now(), false, List.of(), ""));
        return Result.ddl("Role " + s.name() + " successfully created.");
    }

    static Result drop(Context c, ObjectRef ref, boolean ifExists) {
        SecurableObject object = c.account().find(ref).orElse(null);
        boolean visible = object != null && (ref.kind() == ObjectKind.ROLE || ref.kind() == ObjectKind.USER
                || c.access().hasAnyPrivilege(c.roles(), ref) || c.access().hasManageGrants(c.roles()));
        if (!visible) {
            if (ifExists) {
                return Result.ddl("Drop statement executed successfully (" + ref.name() + " already dropped).");
            }
            throw SqlException.notFound(ref.kindLabel(), ref.display());
        }
        if (ref.kind() == ObjectKind.ROLE && SystemRoles.isSystemRole(ref.name())) {
            throw new SqlException("003001", "42501", "SQL access control error:\nCannot drop system role '"
                    + ref.name() + "'.");
        }
        if (!c.access().owns(c.roles(), ref)) {
            throw SqlException.insufficientPrivileges(ref.kind().name().toLowerCase(java.util.Locale.ROOT),
                    ref.name());
        }
        if (ref.kind() == ObjectKind.ROLE) {
            transferOwnedObjects(c, ref.name());
        }
        c.account().remove(ref);
        if (ref.kind() == ObjectKind.DATABASE && ref.name().equals(c.session().database())) {
            c.session().database(null);
            c.session().schema(null);
        }
        return Result.ddl(ref.name() + " successfully dropped.");
    }

    /** "Ownership of objects owned by the dropped role is transferred to the role that executes DROP ROLE." */
    private static void transferOwnedObjects(Context c, String droppedRole) {
        for (ObjectKind kind : ObjectKind.values()) {
            for (SecurableObject o : c.account().objects(kind)) {
                if (droppedRole.equals(o.owner()) && !o.ref().equals(ObjectRef.role(droppedRole))) {
                    c.account().put(o.withOwner(c.role()));
                }
            }
        }
    }

    static Result existing(boolean ifNotExists, String name) {
        if (ifNotExists) {
            return Result.ddl(name + " already exists, statement succeeded.");
        }
        throw SqlException.alreadyExists(name);
    }
}
