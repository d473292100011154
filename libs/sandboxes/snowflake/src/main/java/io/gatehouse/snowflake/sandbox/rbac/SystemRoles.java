package io.gatehouse.snowflake.sandbox.rbac;

import io.gatehouse.snowflake.sandbox.sql.ObjectKind;
import java.util.List;

/**
 * The system-defined roles and their hierarchy and privileges
 * (docs.snowflake.com/en/user-guide/security-access-control-overview#system-defined-roles):
 * ACCOUNTADMIN inherits SYSADMIN and SECURITYADMIN; SECURITYADMIN inherits USERADMIN and holds
 * MANAGE GRANTS; USERADMIN holds CREATE USER and CREATE ROLE; SYSADMIN holds CREATE DATABASE and
 * CREATE WAREHOUSE; PUBLIC is granted to every user and role implicitly. The hierarchy is maintained by
 * Snowflake (empty grantor) and cannot be revoked.
 */
public final class SystemRoles {

    public static final String ACCOUNTADMIN = "ACCOUNTADMIN";
    public static final String SECURITYADMIN = "SECURITYADMIN";
    public static final String USERADMIN = "USERADMIN";
    public static final String SYSADMIN = "SYSADMIN";
    public static final String PUBLIC = "PUBLIC";
    public static final List<String> ALL = List.of(ACCOUNTADMIN, SECURITYADMIN, USERADMIN, SYSADMIN, PUBLIC);

    private SystemRoles() {
    }

    public static boolean isSystemRole(String role) {
        return ALL.contains(role);
    }

    /** A fresh account with the system roles and one ACCOUNTADMIN user. */
    public static Account newAccount(String accountName, String adminUser, String adminPassword) {
        Account account = new Account(accountName);
        for (String role : ALL) {
            account.put(new SecurableObject(ObjectRef.role(role), "", account.now(), false, List.of(), ""));
        }
        long t = account.now();
        account.addRoleGrant(new RoleGrant(SYSADMIN, ObjectKind.ROLE, ACCOUNTADMIN, "", t));
        account.addRoleGrant(new RoleGrant(SECURITYADMIN, ObjectKind.ROLE, ACCOUNTADMIN, "", t));
        account.addRoleGrant(new RoleGrant(USERADMIN, ObjectKind.ROLE, SECURITYADMIN, "", t));
        ObjectRef acct = account.ref();
        account.addGrant(new PrivilegeGrant(Privileges.MANAGE_GRANTS, acct, SECURITYADMIN, false, "", t));
        account.addGrant(new PrivilegeGrant(Privileges.CREATE_USER, acct, USERADMIN, false, "", t));
        account.addGrant(new PrivilegeGrant(Privileges.CREATE_ROLE, acct, USERADMIN, false, "", t));
        account.addGrant(new PrivilegeGrant(Privileges.CREATE_DATABASE, acct, SYSADMIN, false, "", t));
        account.addGrant(new PrivilegeGrant(Privileges.CREATE_WAREHOUSE, acct, SYSADMIN, false, "", t));

        account.put(new SecurableObject(ObjectRef.user(adminUser), ACCOUNTADMIN, account.now(), false, List.of(), ""));
        account.setCredentials(adminUser, Credentials.of(adminPassword, ACCOUNTADMIN));
        account.addRoleGrant(new RoleGrant(ACCOUNTADMIN, ObjectKind.USER, adminUser, "", account.now()));
        return account;
    }
}
