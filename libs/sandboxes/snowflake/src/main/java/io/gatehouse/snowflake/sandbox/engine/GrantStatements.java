package io.gatehouse.snowflake.sandbox.engine;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.rbac.FutureGrant;
import io.gatehouse.snowflake.sandbox.rbac.ObjectRef;
import io.gatehouse.snowflake.sandbox.rbac.PrivilegeGrant;
import io.gatehouse.snowflake.sandbox.rbac.Privileges;
import io.gatehouse.snowflake.sandbox.rbac.RoleGrant;
import io.gatehouse.snowflake.sandbox.rbac.SecurableObject;
import io.gatehouse.snowflake.sandbox.sql.GrantTarget;
import io.gatehouse.snowflake.sandbox.sql.ObjectKind;
import io.gatehouse.snowflake.sandbox.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * GRANT/REVOKE of roles and privileges with Snowflake's rules (grant-role, grant-privilege, revoke-privilege):
 * re-granting is a no-op, revoking what is not granted succeeds, role cycles are refused, and every check
 * runs before any effect.
 */
final class GrantStatements {

    private static final String OK = "Statement executed successfully.";

    private GrantStatements() {
    }

    /** GRANT ROLE needs OWNERSHIP of the granted role or MANAGE GRANTS; so does REVOKE ROLE. */
    static Result role(Context c, Statement.RoleGrantStatement s) {
        ObjectRef role = ObjectRef.role(s.role());
        c.access().requireExists(role);
        ObjectRef grantee = s.granteeKind() == ObjectKind.ROLE ? ObjectRef.role(s.grantee()) : ObjectRef.user(s.grantee());
        c.access().requireExists(grantee);
        if (!c.access().owns(c.roles(), role) && !c.access().hasManageGrants(c.roles())) {
            throw SqlException.insufficientPrivileges("role", s.role());
        }
        boolean existing = c.account().roleGrantsOf(s.role()).stream().anyMatch(g -> matches(g, s));
        if (!s.grant()) {
            if (c.account().roleGrantsOf(s.role()).stream().anyMatch(g -> matches(g, s) && g.grantedBy().isEmpty())) {
                // The system-defined hierarchy is maintained by Snowflake and cannot be changed.
                throw SqlException.insufficientPrivileges("role", s.role());
            }
            c.account().removeRoleGrants(g -> matches(g, s));
            return Result.ddl(OK);
        }
        if (existing) {
            return Result.ddl(OK);
        }
        if (s.granteeKind() == ObjectKind.ROLE && c.access().wouldCycle(s.role(), s.grantee())) {
            // Unverified against a live account: the research found no documented text for this error.
            throw new SqlException("003013", "42601", "SQL execution error:\nCannot grant role '" + s.role()
                    + "' to role '" + s.grantee() + "' because it would create a cycle in the role hierarchy.");
        }
        String grantor = c.access().owns(c.roles(), role) ? c.account().ownerOf(role) : c.role();
        c.account().addRoleGrant(new RoleGrant(s.role(), s.granteeKind(), s.grantee(), grantor, c.account().now()));
        return Result.ddl(OK);
    }

    private static boolean matches(RoleGrant g, Statement.RoleGrantStatement s) {
        return g.role().equals(s.role()) && g.granteeKind() == s.granteeKind() && g.grantee().equals(s.grantee());
    }

    static Result privileges(Context c, Statement.PrivilegeGrantStatement s) {
        c.access().requireExists(ObjectRef.role(s.role()));
        GrantTarget target = s.target();
        if (target instanceof GrantTarget.FutureTablesInSchema f) {
            return future(c, s, c.schema(f.schema(), "GRANT"));
        }
        if (target instanceof GrantTarget.FutureTablesInDatabase f) {
            return future(c, s, ObjectRef.database(f.database().last()));
        }
        List<ObjectRef> objects;
        ObjectKind kind;
        if (target instanceof GrantTarget.Account) {
            objects = List.of(c.account().ref());
            kind = ObjectKind.ACCOUNT;
        } else if (target instanceof GrantTarget.AllTablesInSchema all) {
            ObjectRef schema = c.schema(all.schema(), "GRANT");
            c.access().requireVisible(c.roles(), schema);
            objects = c.account().objects(ObjectKind.TABLE).stream().map(SecurableObject::ref)
                    .filter(t -> schema.equals(t.parentSchema())).toList();
            kind = ObjectKind.TABLE;
        } else {
            GrantTarget.Single single = (GrantTarget.Single) target;
            ObjectRef ref = resolve(c, single);
            c.access().requireVisible(c.roles(), ref);
            objects = List.of(ref);
            kind = single.kind();
        }
        List<String> privileges = Privileges.expand(s.privileges(), kind);
        for (ObjectRef ref : objects) {
            for (String p : privileges) {
                if (!c.access().canGrant(c.roles(), ref, p)) {
                    throw SqlException.insufficientPrivileges(ref.kind().name().toLowerCase(Locale.ROOT), ref.name());
                }
            }
        }
        for (ObjectRef ref : objects) {
            for (String p : privileges) {
                if (s.grant()) {
                    grantOne(c, ref, p, s.role(), s.withGrantOption());
                } else {
                    revokeOne(c, ref, p, s.role());
                }
            }
        }
        return Result.ddl(OK);
    }

    static ObjectRef resolve(Context c, GrantTarget.Single single) {
        return switch (single.kind()) {
            case DATABASE -> ObjectRef.database(single.name().last());
            case SCHEMA -> c.schema(single.name(), "GRANT");
            case TABLE -> c.table(single.name(), "GRANT");
            case ROLE -> ObjectRef.role(single.name().last());
            case USER -> ObjectRef.user(single.name().last());
            case WAREHOUSE -> ObjectRef.warehouse(single.name().last());
            case ACCOUNT -> c.account().ref();
        };
    }

    private static void grantOne(Context c, ObjectRef ref, String privilege, String grantee, boolean grantOption) {
        String grantor = c.access().grantorFor(c.roles(), c.role(), ref);
        // grant_option is always false for objects in a managed-access schema (SHOW GRANTS usage notes).
        boolean option = grantOption && c.access().managedSchemaOf(ref) == null;
        List<PrivilegeGrant> same = c.account().grants(g -> g.sameGrant(privilege, ref, grantee, grantor));
        if (!same.isEmpty()) {
            if (option && !same.get(0).grantOption()) {
                PrivilegeGrant old = same.get(0);
                c.account().replaceGrant(old, new PrivilegeGrant(privilege, ref, grantee, true, grantor, old.createdOn()));
            }
            return;
        }
        c.account().addGrant(new PrivilegeGrant(privilege, ref, grantee, option, grantor, c.account().now()));
    }

    /**
     * REVOKE removes the grants whose grantor is the active role or a lower role; with MANAGE GRANTS or as
     * the owner (who may impersonate every grantor of its object) it removes all instances.
     */
    private static void revokeOne(Context c, ObjectRef ref, String privilege, String grantee) {
        boolean all = c.access().hasManageGrants(c.roles()) || c.access().owns(c.roles(), ref)
                || c.access().managedSchemaOf(ref) != null;
        c.account().removeGrants(g -> g.on().equals(ref) && g.privilege().equals(privilege)
                && g.grantee().equals(grantee) && (all || c.roles().contains(g.grantedBy())));
    }

    /**
     * Future grants: at database level they need MANAGE GRANTS; at schema level MANAGE GRANTS, or in a
     * managed-access schema also the schema owner (grant-privilege docs).
     */
    private static Result future(Context c, Statement.PrivilegeGrantStatement s, ObjectRef container) {
        SecurableObject object = c.access().requireVisible(c.roles(), container);
        boolean allowed = c.access().hasManageGrants(c.roles())
                || container.kind() == ObjectKind.SCHEMA && object.managedAccess() && c.roles().contains(object.owner());
        if (!allowed) {
            throw SqlException.insufficientPrivileges(container.kind().name().toLowerCase(Locale.ROOT), container.name());
        }
        List<String> privileges = s.privileges().equals(List.of(Privileges.OWNERSHIP)) ? s.privileges()
                : Privileges.expand(s.privileges(), ObjectKind.TABLE);
        for (String p : privileges) {
            c.account().removeFutureGrants(f -> f.container().equals(container) && f.privilege().equals(p)
                    && f.grantee().equals(s.role()) && (!s.grant() || f.grantOption() == s.withGrantOption()));
            if (s.grant()) {
                c.account().addFutureGrant(new FutureGrant(p, container, s.role(), s.withGrantOption(), c.account().now()));
            }
        }
        return Result.ddl(OK);
    }

    /**
     * GRANT OWNERSHIP transfers ownership; it needs ownership of the object or MANAGE GRANTS. In a managed-access
     * schema ownership may only go to a role the schema owner inherits. Without COPY CURRENT GRANTS the existing
     * grants on the object are revoked.
     */
    static Result ownership(Context c, Statement.GrantOwnership s) {
        ObjectRef ref = resolve(c, s.target());
        c.access().requireVisible(c.roles(), ref);
        c.access().requireExists(ObjectRef.role(s.role()));
        if (!c.access().owns(c.roles(), ref) && !c.access().hasManageGrants(c.roles())) {
            throw SqlException.insufficientPrivileges(ref.kind().name().toLowerCase(Locale.ROOT), ref.name());
        }
        SecurableObject managed = c.access().managedSchemaOf(ref);
        if (managed != null && !c.access().effectiveRoles(managed.owner()).contains(s.role())) {
            throw SqlException.insufficientPrivileges(ref.kind().name().toLowerCase(Locale.ROOT), ref.name());
        }
        SecurableObject object = c.access().requireExists(ref);
        if (!s.copyCurrentGrants()) {
            c.account().removeGrants(g -> g.on().equals(ref));
        }
        c.account().put(object.withOwner(s.role()));
        return Result.ddl(OK);
    }
}
