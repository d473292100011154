package io.gatehouse.snowflake.sandbox;

import static io.gatehouse.snowflake.sandbox.DataAccessTest.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Ownership: the creator owns, OWNERSHIP can be transferred, and a dropped role's objects go to the dropper. */
class OwnershipTest extends SandboxTestBase {

    @Test
    void grantOwnershipTransfersTheObjectAndItsGrantingRights() throws SQLException {
        sandbox.executeAsAdmin("CREATE DATABASE D1");
        sandbox.executeAsAdmin("CREATE TABLE D1.PUBLIC.T (a INT)");
        sandbox.executeAsAdmin("CREATE ROLE NEW_OWNER");
        sandbox.executeAsAdmin("CREATE ROLE READER");
        sandbox.executeAsAdmin("GRANT SELECT ON TABLE D1.PUBLIC.T TO ROLE READER");
        sandbox.executeAsAdmin("GRANT OWNERSHIP ON TABLE D1.PUBLIC.T TO ROLE NEW_OWNER COPY CURRENT GRANTS");
        assertThat(sandbox.executeAsAdmin("SHOW GRANTS ON TABLE D1.PUBLIC.T")).extracting(r -> r.get("grantee_name"))
                .containsExactly("NEW_OWNER", "READER");

        user("owen", "pw", "NEW_OWNER");
        Connection owen = connect("owen", "pw", props("role", "NEW_OWNER"));
        exec(owen, "REVOKE SELECT ON TABLE D1.PUBLIC.T FROM ROLE READER");
        assertThat(column(owen, "SHOW GRANTS ON TABLE D1.PUBLIC.T", "privilege")).containsExactly("OWNERSHIP");
        // Owning a table does not give USAGE on its containers.
        assertFails(owen, "SELECT * FROM D1.PUBLIC.T", 2003, "02000");
        assertFails(owen, "DROP DATABASE D1", 2003, "02000");
        exec(owen, "DROP TABLE D1.PUBLIC.T");
        assertThat(sandbox.executeAsAdmin("SHOW TABLES IN SCHEMA D1.PUBLIC")).isEmpty();
    }

    @Test
    void droppingARoleHandsItsObjectsToTheDroppingRole() throws SQLException {
        sandbox.executeAsAdmin("CREATE ROLE CREATOR");
        sandbox.executeAsAdmin("GRANT CREATE DATABASE ON ACCOUNT TO ROLE CREATOR");
        user("cat", "pw", "CREATOR");
        Connection cat = connect("cat", "pw", props("role", "CREATOR"));
        exec(cat, "CREATE DATABASE CATS_DB");
        assertThat(column(cat, "SHOW DATABASES", "owner")).containsExactly("CREATOR");

        Connection admin = admin();
        exec(admin, "USE ROLE USERADMIN");
        exec(admin, "CREATE ROLE TEMP");
        exec(admin, "USE ROLE ACCOUNTADMIN");
        exec(admin, "DROP ROLE CREATOR");
        assertThat(sandbox.executeAsAdmin("SHOW DATABASES LIKE 'CATS_DB'")).extracting(r -> r.get("owner"))
                .containsExactly("ACCOUNTADMIN");
        // USERADMIN owns TEMP, and ACCOUNTADMIN inherits USERADMIN, so it may drop it.
        assertThat(column(admin, "SHOW ROLES LIKE 'TEMP'", "owner")).containsExactly("USERADMIN");
        exec(admin, "DROP ROLE TEMP");
    }

    @Test
    void sysadminCannotDropADatabaseOwnedByACustomRoleOutsideItsHierarchy() throws SQLException {
        sandbox.executeAsAdmin("CREATE ROLE CUSTOM");
        sandbox.executeAsAdmin("GRANT CREATE DATABASE ON ACCOUNT TO ROLE CUSTOM");
        user("cy", "pw", "CUSTOM");
        exec(connect("cy", "pw", props("role", "CUSTOM")), "CREATE DATABASE CUSTOM_DB");
        Connection admin = admin();
        exec(admin, "USE ROLE SYSADMIN");
        // Not granted to SYSADMIN: SYSADMIN cannot even see it (considerations doc).
        assertFails(admin, "DROP DATABASE CUSTOM_DB", 2003, "02000");
        sandbox.executeAsAdmin("GRANT ROLE CUSTOM TO ROLE SYSADMIN");
        exec(admin, "DROP DATABASE CUSTOM_DB");
    }
}
