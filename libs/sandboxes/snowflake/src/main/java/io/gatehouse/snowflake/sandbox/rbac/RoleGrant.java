package io.gatehouse.snowflake.sandbox.rbac;

import io.gatehouse.snowflake.sandbox.sql.ObjectKind;

/**
 * {@code GRANT ROLE role TO ROLE|USER grantee}. The grantee inherits every privilege of {@code role}.
 * An empty {@code grantedBy} marks the system-defined hierarchy, which cannot be revoked.
 */
public record RoleGrant(String role, ObjectKind granteeKind, String grantee, String grantedBy, long createdOn) {
}
