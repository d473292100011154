package io.gatehouse.snowflake.sandbox.rbac;

/**
 * One privilege granted to a role. Snowflake keys grants by grantor as well: the same privilege may be
 * granted twice by different grantors (parallel grants), and re-granting by the same grantor is a no-op.
 */
public record PrivilegeGrant(String privilege, ObjectRef on, String grantee, boolean grantOption,
                             String grantedBy, long createdOn) {

    public boolean sameGrant(String otherPrivilege, ObjectRef otherOn, String otherGrantee, String otherGrantedBy) {
        return privilege.equals(otherPrivilege) && on.equals(otherOn) && grantee.equals(otherGrantee)
                && grantedBy.equals(otherGrantedBy);
    }
}
