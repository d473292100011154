package io.gatehouse.grant.config;

import io.gatehouse.naming.RoleNames;
import java.util.Optional;

/**
 * What the configured parent role ({@code gatehouse.grant.parent-role}) may not be, known from the configuration alone:
 * PUBLIC (every user holds it, so every managed role, and all its data, would reach everyone) or a managed role (a
 * role inside the managed prefix is Gatehouse's to change and drop, and the hierarchy would loop back into itself).
 * Whether the role exists in Snowflake is checked against Snowflake (ParentRoleCheck).
 */
public final class ParentRoleRule {

    private ParentRoleRule() {
    }

    /** Why the service must not start with this parent role, or empty when it may. */
    public static Optional<String> refusal(String parentRole, String managedPrefix) {
        if (parentRole == null || parentRole.isBlank()) {
            return Optional.of("gatehouse.grant.parent-role is empty: every managed role is granted to it "
                    + "(SYSADMIN or a custom role under it)");
        }
        if (parentRole.equalsIgnoreCase("PUBLIC")) {
            return Optional.of("gatehouse.grant.parent-role must not be PUBLIC: every user holds PUBLIC, so every "
                    + "managed role (and all its data) would reach everyone; use SYSADMIN or a custom role under it");
        }
        if (new RoleNames(managedPrefix).isManaged(parentRole)) {
            return Optional.of("gatehouse.grant.parent-role " + parentRole + " is inside the managed prefix "
                    + managedPrefix + ": a managed role is Gatehouse's to change and drop, so it cannot hold them all; "
                    + "use a role outside the prefix (SYSADMIN or a custom role under it)");
        }
        return Optional.empty();
    }
}
