package io.gatehouse.snowflake.sandbox.engine;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.rbac.FutureGrant;
import io.gatehouse.snowflake.sandbox.rbac.ObjectRef;
import io.gatehouse.snowflake.sandbox.rbac.PrivilegeGrant;
import io.gatehouse.snowflake.sandbox.rbac.RoleGrant;
import io.gatehouse.snowflake.sandbox.rbac.SecurableObject;
import io.gatehouse.snowflake.sandbox.sql.GrantTarget;
import io.gatehouse.snowflake.sandbox.sql.ObjectKind;
import io.gatehouse.snowflake.sandbox.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SHOW GRANTS / SHOW FUTURE GRANTS with Snowflake's column names (docs.snowflake.com/en/sql-reference/sql/show-grants).
 * Ownership is shown as an OWNERSHIP row and a role grant as USAGE on ROLE, as Snowflake does.
 */
final class ShowGrants {

    private static final List<Column> GRANT_COLUMNS = List.of(Column.timestamp("created_on"), Column.text("privilege"),
            Column.text("granted_on"), Column.text("name"), Column.text("granted_to"), Column.text("grantee_name"),
            Column.text("grant_option"), Column.text("granted_by"));
    private static final List<Column> ROLE_GRANT_COLUMNS = List.of(Column.timestamp("created_on"),
            Column.text("role"), Column.text("granted_to"), Column.text("grantee_name"), Column.text("granted_by"));
    /** Future grants say grant_on / grant_to (no "ed"), unlike the other SHOW GRANTS forms. */
    private static final List<Column> FUTURE_COLUMNS = List.of(Column.timestamp("created_on"),
            Column.text("privilege"), Column.text("grant_on"), Column.text("name"), Column.text("grant_to"),
            Column.text("grantee_name"), Column.text("grant_option"));

    private ShowGrants() {
    }

    /** A row of the common grant shape; sorted by creation time. */
    private record Row(long createdOn, String privilege, String grantedOn, String name, String grantee,
                       boolean grantOption, String grantedBy) {
    }

    static Result toRole(Context c, String role) {
        ObjectRef ref = ObjectRef.role(role);
        c.access().requireExists(ref);
        if (!c.roles().contains(role) && !c.access().owns(c.roles(), ref) && !c.access().hasManageGrants(c.roles())) {
            throw SqlException.insufficientPrivileges("role", role);
        }
        List<Row> rows = new ArrayList<>();
        for (SecurableObject o : c.account().ownedBy(role)) {
            rows.add(ownershipRow(o));
        }
        for (PrivilegeGrant g : c.account().grantsTo(role)) {
            rows.add(row(g));
        }
        for (RoleGrant g : c.account().roleGrantsTo(ObjectKind.ROLE, role)) {
            rows.add(new Row(g.createdOn(), "USAGE", "ROLE", g.role(), role, false, g.grantedBy()));
        }
        return build(rows, false);
    }

    static Result toUser(Context c, String user) {
        c.access().requireExists(ObjectRef.user(user));
        return roleGrants(c.account().roleGrantsTo(ObjectKind.USER, user));
    }

    static Result of(Context c, String role) {
        c.access().requireExists(ObjectRef.role(role));
        return roleGrants(c.account().roleGrantsOf(role));
    }

    private static Result roleGrants(List<RoleGrant> grants) {
        Result.Builder b = new Result.Builder(ROLE_GRANT_COLUMNS);
        grants.stream().sorted(Comparator.comparingLong(RoleGrant::createdOn)).forEach(g -> b.row(
                Result.timestamp(g.createdOn()), g.role(), g.granteeKind().name(), g.grantee(), g.grantedBy()));
        return b.build(Result.SHOW);
    }

    static Result on(Context c, Statement.ShowGrantsOn s) {
        List<Row> rows = new ArrayList<>();
        ObjectRef ref;
        if (s.kind() == ObjectKind.ACCOUNT) {
            ref = c.account().ref();
        } else {
            ref = GrantStatements.resolve(c, new GrantTarget.Single(s.kind(), s.name()));
            SecurableObject o = s.kind() == ObjectKind.ROLE || s.kind() == ObjectKind.USER
                    ? c.access().requireExists(ref) : c.access().requireVisible(c.roles(), ref);
            if (o.owner() != null && !o.owner().isEmpty()) {
                rows.add(ownershipRow(o));
            }
        }
        ObjectRef target = ref;
        for (PrivilegeGrant g : c.account().grants(g -> g.on().equals(target))) {
            rows.add(row(g));
        }
        return build(rows, true);
    }

    static Result future(Context c, Statement.ShowFutureGrantsIn s) {
        ObjectRef container = s.kind() == ObjectKind.SCHEMA ? c.schema(s.container(), "SHOW FUTURE GRANTS")
                : ObjectRef.database(s.container().last());
        c.access().requireVisible(c.roles(), container);
        Result.Builder b = new Result.Builder(FUTURE_COLUMNS);
        for (FutureGrant f : c.account().futureGrants()) {
            if (f.container().equals(container)) {
                b.row(Result.timestamp(f.createdOn()), f.privilege(), "TABLE", container.qualified() + ".<TABLE>",
                        "ROLE", f.grantee(), String.valueOf(f.grantOption()));
            }
        }
        return b.build(Result.SHOW);
    }

    private static Row ownershipRow(SecurableObject o) {
        return new Row(o.createdOn(), "OWNERSHIP", o.ref().kind().name(), o.ref().qualified(), o.owner(), true,
                o.owner());
    }

    private static Row row(PrivilegeGrant g) {
        return new Row(g.createdOn(), g.privilege(), g.on().kind().name(), g.on().qualified(), g.grantee(),
                g.grantOption(), g.grantedBy());
    }

    private static Result build(List<Row> rows, boolean withRoleType) {
        List<Column> columns = new ArrayList<>(GRANT_COLUMNS);
        if (withRoleType) {
            columns.add(Column.text("granted_by_role_type"));
        }
        Result.Builder b = new Result.Builder(columns);
        rows.stream().sorted(Comparator.comparingLong(Row::createdOn)).forEach(r -> {
            List<Object> values = new ArrayList<>(List.of(Result.timestamp(r.createdOn()), r.privilege(),
                    r.grantedOn(), r.name(), "ROLE", r.grantee(), String.valueOf(r.grantOption())));
            values.add(r.grantedBy());
            if (withRoleType) {
                values.add(r.grantedBy().isEmpty() ? "" : "ROLE");
            }
            b.row(values.toArray());
        });
        return b.build(Result.SHOW);
    }

}
