package io.gatehouse.snowflake.sandbox.engine;

import io.gatehouse.snowflake.sandbox.rbac.Credentials;
import io.gatehouse.snowflake.sandbox.rbac.Names;
import io.gatehouse.snowflake.sandbox.rbac.ObjectRef;
import io.gatehouse.snowflake.sandbox.rbac.RoleGrant;
import io.gatehouse.snowflake.sandbox.rbac.SecurableObject;
import io.gatehouse.snowflake.sandbox.sql.ObjectKind;
import io.gatehouse.snowflake.sandbox.sql.Statement;
import java.util.List;
import java.util.Set;

/**
 * SHOW ROLES / USERS / DATABASES / SCHEMAS / TABLES. Names are shown as stored (a quoted identifier keeps its
 * case and characters). Databases, schemas and tables are listed only where the active role holds some
 * privilege, as in Snowflake.
 */
final class ShowObjects {

    private ShowObjects() {
    }

    static Result roles(Context c, Statement.ShowRoles s) {
        Result.Builder b = new Result.Builder(List.of(Column.timestamp("created_on"), Column.text("name"),
                Column.text("is_default"), Column.text("is_current"), Column.text("is_inherited"),
                Column.fixed("assigned_to_users"), Column.fixed("granted_to_roles"), Column.fixed("granted_roles"),
                Column.text("owner"), Column.text("comment")));
        String defaultRole = c.account().credentials(c.session().user()).map(Credentials::defaultRole).orElse(null);
        List<RoleGrant> grants = c.account().roleGrants();
        for (SecurableObject role : c.account().objects(ObjectKind.ROLE)) {
            String name = role.ref().name();
            if (!Names.like(name, s.like())) {
                continue;
            }
            long users = grants.stream().filter(g -> g.role().equals(name) && g.granteeKind() == ObjectKind.USER).count();
            long toRoles = grants.stream().filter(g -> g.role().equals(name) && g.granteeKind() == ObjectKind.ROLE).count();
            long granted = grants.stream().filter(g -> g.granteeKind() == ObjectKind.ROLE && g.grantee().equals(name)).count();
            b.row(Result.timestamp(role.createdOn()), name, yn(name.equals(defaultRole)), yn(name.equals(c.role())),
                    yn(!name.equals(c.role()) && c.roles().contains(name)), users, toRoles, granted, role.owner(),
                    role.comment());
        }
        return b.build(Result.SHOW);
    }

    static Result users(Context c, Statement.ShowUsers s) {
        Result.Builder b = new Result.Builder(List.of(Column.text("name"), Column.timestamp("created_on"),
                Column.text("login_name"), Column.text("display_name"), Column.text("disabled"),
                Column.text("default_warehouse"), Column.text("default_role"), Column.text("owner"),
                Column.text("comment")));
        for (SecurableObject user : c.account().objects(ObjectKind.USER)) {
            String name = user.ref().name();
            if (Names.like(name, s.like())) {
                String defaultRole = c.account().credentials(name).map(Credentials::defaultRole).orElse(null);
                b.row(name, Result.timestamp(user.createdOn()), name, name, "false",
                        c.account().defaultWarehouse(name), defaultRole, user.owner(), user.comment());
            }
        }
        return b.build(Result.SHOW);
    }

    static Result databases(Context c, Statement.ShowDatabases s) {
        Result.Builder b = new Result.Builder(List.of(Column.timestamp("created_on"), Column.text("name"),
                Column.text("is_default"), Column.text("is_current"), Column.text("origin"), Column.text("owner"),
                Column.text("comment"), Column.text("options"), Column.text("retention_time"), Column.text("kind")));
        for (SecurableObject db : visible(c, ObjectKind.DATABASE)) {
            String name = db.ref().name();
            if (Names.like(name, s.like())) {
                b.row(Result.timestamp(db.createdOn()), name, "N", yn(name.equals(c.session().database())), "",
                        db.owner(), db.comment(), "", "1", "STANDARD");
            }
        }
        return b.build(Result.SHOW);
    }

    static Result schemas(Context c, Statement.ShowSchemas s) {
        String database = s.database() != null ? s.database() : c.session().database();
        if (database != null) {
            c.access().requireVisible(c.roles(), ObjectRef.database(database));
        }
        Result.Builder b = new Result.Builder(List.of(Column.timestamp("created_on"), Column.text("name"),
                Column.text("is_default"), Column.text("is_current"), Column.text("database_name"),
                Column.text("owner"), Column.text("comment"), Column.text("options"), Column.text("retention_time")));
        for (SecurableObject schema : visible(c, ObjectKind.SCHEMA)) {
            ObjectRef ref = schema.ref();
            if ((database == null || database.equals(ref.database())) && Names.like(ref.name(), s.like())) {
                boolean current = ref.database().equals(c.session().database()) && ref.name().equals(c.session().schema());
                b.row(Result.timestamp(schema.createdOn()), ref.name(), "N", yn(current), ref.database(),
                        schema.owner(), schema.comment(), schema.managedAccess() ? "MANAGED ACCESS" : "", "1");
            }
        }
        return b.build(Result.SHOW);
    }

    static Result tables(Context c, Statement.ShowTables s) {
        ObjectRef schemaRef = s.schema() == null ? null : c.schema(s.schema(), "SHOW TABLES");
        if (schemaRef != null) {
            c.access().requireVisible(c.roles(), schemaRef);
        }
        Result.Builder b = new Result.Builder(List.of(Column.timestamp("created_on"), Column.text("name"),
                Column.text("database_name"), Column.text("schema_name"), Column.text("kind"), Column.text("comment"),
                Column.text("cluster_by"), Column.fixed("rows"), Column.fixed("bytes"), Column.text("owner"),
                Column.text("retention_time")));
        for (SecurableObject table : visible(c, ObjectKind.TABLE)) {
            ObjectRef ref = table.ref();
            if ((schemaRef == null || schemaRef.equals(ref.parentSchema())) && Names.like(ref.name(), s.like())) {
                b.row(Result.timestamp(table.createdOn()), ref.name(), ref.database(), ref.schema(), "TABLE",
                        table.comment(), "", c.account().rows(ref).size(), 0, table.owner(), "1");
            }
        }
        return b.build(Result.SHOW);
    }

    private static List<SecurableObject> visible(Context c, ObjectKind kind) {
        Set<String> roles = c.roles();
        boolean all = c.access().hasManageGrants(roles);
        return c.account().objects(kind).stream()
                .filter(o -> all || c.access().hasAnyPrivilege(roles, o.ref())).toList();
    }

    private static String yn(boolean value) {
        return value ? "Y" : "N";
    }
}
