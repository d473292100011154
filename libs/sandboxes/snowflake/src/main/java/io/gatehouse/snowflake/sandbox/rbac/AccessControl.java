package io.gatehouse.snowflake.sandbox.rbac;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.sql.ObjectKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Snowflake's access-control rules over an {@link Account}
 * (docs.snowflake.com/en/user-guide/security-access-control-overview):
 * <ul>
 * <li>a role holds its own privileges plus those of every role granted to it, transitively; PUBLIC is
 * granted to every role and user;</li>
 * <li>the owner of an object holds every privilege on it; owning a role does NOT inherit its privileges;</li>
 * <li>MANAGE GRANTS lets a role grant and revoke on any object as if it were the owner;</li>
 * <li>in a managed-access schema only the schema owner or MANAGE GRANTS may grant on its objects.</li>
 * </ul>
 * Only the session's primary role is modelled: secondary roles (DEFAULT_SECONDARY_ROLES=('ALL') on newer
 * accounts) are left out on purpose, so that a test proves access through the role the service activates.
 */
public final class AccessControl {

    private final Account account;

    public AccessControl(Account account) {
        this.account = account;
    }

    public Account account() {
        return account;
    }

    /** The role itself, every role granted to it transitively, and PUBLIC. */
    public Set<String> effectiveRoles(String role) {
        Set<String> result = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(role);
        while (!todo.isEmpty()) {
            String r = todo.poll();
            if (result.add(r)) {
                for (RoleGrant g : account.roleGrantsTo(ObjectKind.ROLE, r)) {
                    todo.add(g.role());
                }
            }
        }
        result.add(SystemRoles.PUBLIC);
        return result;
    }

    /** Every role a user may activate with USE ROLE: granted directly or through the hierarchy, and PUBLIC. */
    public Set<String> userRoles(String user) {
        Set<String> result = new LinkedHashSet<>();
        for (RoleGrant g : account.roleGrantsTo(ObjectKind.USER, user)) {
            result.addAll(effectiveRoles(g.role()));
        }
        result.add(SystemRoles.PUBLIC);
        return result;
    }

    public boolean hasAccountPrivilege(Set<String> roles, String privilege) {
        return !account.grants(g -> g.on().kind() == ObjectKind.ACCOUNT && g.privilege().equals(privilege)
                && roles.contains(g.grantee())).isEmpty();
    }

    public boolean hasManageGrants(Set<String> roles) {
        return hasAccountPrivilege(roles, Privileges.MANAGE_GRANTS);
    }

    public boolean owns(Set<String> roles, ObjectRef ref) {
        String owner = account.ownerOf(ref);
        return owner != null && roles.contains(owner);
    }

    /** OWNERSHIP implies every privilege on the object. */
    public boolean hasPrivilege(Set<String> roles, ObjectRef ref, String privilege) {
        return owns(roles, ref) || !account.grants(g -> g.on().equals(ref) && g.privilege().equals(privilege)
                && roles.contains(g.grantee())).isEmpty();
    }

    /** Any privilege at all: what makes an object visible rather than "does not exist or not authorized". */
    public boolean hasAnyPrivilege(Set<String> roles, ObjectRef ref) {
        return owns(roles, ref) || !account.grants(g -> g.on().equals(ref) && roles.contains(g.grantee())).isEmpty();
    }

    /** The schema containing {@code ref} if that schema has managed access, else null. */
    public SecurableObject managedSchemaOf(ObjectRef ref) {
        ObjectRef schema = ref.kind() == ObjectKind.TABLE ? ref.parentSchema() : null;
        return schema == null ? null : account.find(schema).filter(SecurableObject::managedAccess).orElse(null);
    }

    /**
     * May the roles grant or revoke {@code privilege} on {@code ref}? (grant-privilege docs: the owner, a role
     * with MANAGE GRANTS, or a role holding the privilege WITH GRANT OPTION; in a managed-access schema only
     * the schema owner or MANAGE GRANTS.)
     */
    public boolean canGrant(Set<String> roles, ObjectRef ref, String privilege) {
        if (hasManageGrants(roles)) {
            return true;
        }
        if (ref.kind() == ObjectKind.ACCOUNT) {
            return false;
        }
        SecurableObject managed = managedSchemaOf(ref);
        if (managed != null) {
            return roles.contains(managed.owner());
        }
        return owns(roles, ref) || !account.grants(g -> g.on().equals(ref) && g.privilege().equals(privilege)
                && g.grantOption() && roles.contains(g.grantee())).isEmpty();
    }

    /**
     * The grantor recorded for a grant: the object owner when the role owns the object or holds MANAGE GRANTS
     * ("MANAGE GRANTS privilege allows a role to impersonate the object owner"), else the active role.
     */
    public String grantorFor(Set<String> roles, String activeRole, ObjectRef ref) {
        String owner = account.ownerOf(ref);
        if (ref.kind() == ObjectKind.ACCOUNT || owner == null || owner.isEmpty()) {
            return activeRole;
        }
        SecurableObject managed = managedSchemaOf(ref);
        if (managed != null) {
            return managed.owner();
        }
        return owns(roles, ref) || hasManageGrants(roles) ? owner : activeRole;
    }

    /**
     * Fails with "does not exist or not authorized" unless the object exists and the roles can see it: some
     * privilege on it, MANAGE GRANTS, or ownership of the managed-access schema holding it. Roles and users are
     * account objects addressed by name.
     */
    public SecurableObject requireVisible(Set<String> roles, ObjectRef ref) {
        SecurableObject object = account.find(ref).orElse(null);
        SecurableObject managed = object == null ? null : managedSchemaOf(ref);
        boolean schemaOwner = managed != null && roles.contains(managed.owner());
        if (object == null || !(hasAnyPrivilege(roles, ref) || hasManageGrants(roles) || schemaOwner
                || ref.kind() == ObjectKind.ROLE || ref.kind() == ObjectKind.USER)) {
            throw SqlException.notFound(ref.kindLabel(), ref.display());
        }
        return object;
    }

    /** Fails unless the object exists (roles and users are visible by name to grant statements). */
    public SecurableObject requireExists(ObjectRef ref) {
        return account.find(ref).orElseThrow(() -> SqlException.notFound(ref.kindLabel(), ref.display()));
    }

    /**
     * Granting role {@code role} to role {@code grantee} would make a cycle when {@code grantee} is already
     * inherited by {@code role} (or is the same role). Snowflake keeps the hierarchy acyclic.
     */
    public boolean wouldCycle(String role, String grantee) {
        Set<String> inherited = effectiveRoles(role);
        inherited.remove(SystemRoles.PUBLIC);
        inherited.add(role);
        return inherited.contains(grantee);
    }
}
