package io.gatehouse.snowflake.sandbox.engine;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.rbac.AccessControl;
import io.gatehouse.snowflake.sandbox.rbac.Names;
import io.gatehouse.snowflake.sandbox.rbac.ObjectRef;
import io.gatehouse.snowflake.sandbox.rbac.Privileges;
import io.gatehouse.snowflake.sandbox.rbac.SecurableObject;
import io.gatehouse.snowflake.sandbox.sql.ObjectKind;
import io.gatehouse.snowflake.sandbox.sql.Statement;
import java.util.List;
import java.util.Set;

/**
 * Warehouses as account objects (create-warehouse, use-warehouse, show-warehouses). There is no compute
 * behind them: what matters is who may use one, because a query that reads rows needs a current warehouse
 * the session's roles hold USAGE on. Grants on warehouses (USAGE, OPERATE, MONITOR, MODIFY) go through the
 * ordinary GRANT path: the owner or MANAGE GRANTS may grant them.
 */
final class WarehouseStatements {

    private WarehouseStatements() {
    }

    /** CREATE WAREHOUSE needs CREATE WAREHOUSE on the account (SYSADMIN has it); the active role owns it. */
    static Result create(Context c, Statement.CreateWarehouse s) {
        c.requireAccountPrivilege(Privileges.CREATE_WAREHOUSE);
        ObjectRef ref = ObjectRef.warehouse(s.name());
        if (c.account().exists(ref)) {
            return ObjectStatements.existing(s.ifNotExists(), s.name());
        }
        c.account().put(new SecurableObject(ref, c.role(), c.account().now(), false, List.of(),
                s.properties().getOrDefault("COMMENT", "")));
        // Snowflake makes a new warehouse the session's current one.
        c.session().warehouse(s.name());
        return Result.ddl("Warehouse " + s.name() + " successfully created.");
    }

    /**
     * USE WAREHOUSE needs USAGE (or ownership) through the active role's hierarchy; a missing warehouse and
     * one the roles may not use give the same 002043, so the error does not tell which warehouses exist.
     */
    static Result use(Context c, Statement.UseWarehouse s) {
        if (!usable(c.access(), c.roles(), s.warehouse())) {
            throw new SqlException("002043", "02000",
                    "SQL compilation error:\nObject does not exist, or operation cannot be performed.");
        }
        c.session().warehouse(s.warehouse());
        return Result.status("Statement executed successfully.", Result.USE);
    }

    /** The warehouse exists and the roles hold USAGE on it (OWNERSHIP implies it). */
    static boolean usable(AccessControl access, Set<String> roles, String warehouse) {
        ObjectRef ref = warehouse == null ? null : ObjectRef.warehouse(warehouse);
        return ref != null && access.account().exists(ref) && access.hasPrivilege(roles, ref, Privileges.USAGE);
    }

    /** SHOW WAREHOUSES lists those the active role holds some privilege on (all with MANAGE GRANTS). */
    static Result show(Context c, Statement.ShowWarehouses s) {
        Result.Builder b = new Result.Builder(List.of(Column.text("name"), Column.text("state"), Column.text("type"),
                Column.text("size"), Column.text("is_default"), Column.text("is_current"),
                Column.timestamp("created_on"), Column.text("owner"), Column.text("comment")));
        String defaultWarehouse = c.account().defaultWarehouse(c.session().user());
        boolean all = c.access().hasManageGrants(c.roles());
        for (SecurableObject w : c.account().objects(ObjectKind.WAREHOUSE)) {
            String name = w.ref().name();
            if ((all || c.access().hasAnyPrivilege(c.roles(), w.ref())) && Names.like(name, s.like())) {
                b.row(name, "STARTED", "STANDARD", "X-Small", yn(name.equals(defaultWarehouse)),
                        yn(name.equals(c.session().warehouse())), Result.timestamp(w.createdOn()), w.owner(),
                        w.comment());
            }
        }
        return b.build(Result.SHOW);
    }

    private static String yn(boolean value) {
        return value ? "Y" : "N";
    }
}
