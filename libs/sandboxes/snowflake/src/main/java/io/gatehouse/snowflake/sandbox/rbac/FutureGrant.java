package io.gatehouse.snowflake.sandbox.rbac;

/**
 * A privilege on future tables in a schema or database ({@code container}), applied to each table
 * created there later. Revoking it leaves the grants it already produced.
 */
public record FutureGrant(String privilege, ObjectRef container, String grantee, boolean grantOption,
                          long createdOn) {
}
