package io.gatehouse.snowflake.sandbox;

import static io.gatehouse.snowflake.sandbox.DataAccessTest.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Future grants and managed-access schemas (grant-privilege docs). */
class FutureAndManagedAccessTest extends SandboxTestBase {

    @BeforeEach
    void objects() {
        sandbox.executeAsAdmin("USE ROLE SYSADMIN");
        sandbox.executeAsAdmin("CREATE DATABASE D1");
        sandbox.executeAsAdmin("CREATE SCHEMA D1.S1");
        sandbox.executeAsAdmin("CREATE SCHEMA D1.M WITH MANAGED ACCESS");
        sandbox.executeAsAdmin("USE ROLE ACCOUNTADMIN");
        sandbox.executeAsAdmin("CREATE ROLE READER");
        sandbox.executeAsAdmin("GRANT USAGE ON DATABASE D1 TO ROLE READER");
        sandbox.executeAsAdmin("GRANT USAGE ON SCHEMA D1.S1 TO ROLE READER");
        sandbox.executeAsAdmin("GRANT USAGE ON SCHEMA D1.M TO ROLE READER");
        user("rita", "pw", "READER");
    }

    @Test
    void futureGrantGivesSelectOnATableCreatedAfterIt() throws SQLException {
        sandbox.executeAsAdmin("CREATE TABLE D1.S1.BEFORE_T (a INT)");
        Connection admin = admin();
        exec(admin, "USE ROLE SECURITYADMIN");
        exec(admin, "GRANT SELECT ON FUTURE TABLES IN SCHEMA D1.S1 TO ROLE READER");
        try (Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SHOW FUTURE GRANTS IN SCHEMA D1.S1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("privilege")).isEqualTo("SELECT");
            assertThat(rs.getString("grant_on")).isEqualTo("TABLE");
            assertThat(rs.getString("name")).isEqualTo("D1.S1.<TABLE>");
            assertThat(rs.getString("grant_to")).isEqualTo("ROLE");
            assertThat(rs.getString("grantee_name")).isEqualTo("READER");
            assertThat(rs.getString("grant_option")).isEqualTo("false");
            assertThat(rs.next()).isFalse();
        }
        exec(admin, "USE ROLE SYSADMIN");
        exec(admin, "CREATE TABLE D1.S1.AFTER_T (a INT)");

        Connection rita = connect("rita", "pw", props("role", "READER"));
        assertThat(single(rita, "SELECT COUNT(*) FROM D1.S1.AFTER_T")).isEqualTo("0");
        // Future grants do not reach tables that existed before.
        assertFails(rita, "SELECT * FROM D1.S1.BEFORE_T", 2003, "42S02");
    }

    @Test
    void schemaFutureGrantsShadowDatabaseFutureGrants() throws SQLException {
        sandbox.executeAsAdmin("CREATE ROLE OTHER");
        sandbox.executeAsAdmin("GRANT SELECT ON FUTURE TABLES IN DATABASE D1 TO ROLE READER");
        sandbox.executeAsAdmin("GRANT INSERT ON FUTURE TABLES IN SCHEMA D1.S1 TO ROLE OTHER");
        sandbox.executeAsAdmin("CREATE TABLE D1.S1.T (a INT)");
        sandbox.executeAsAdmin("CREATE SCHEMA D1.S2");
        sandbox.executeAsAdmin("CREATE TABLE D1.S2.T (a INT)");
        assertThat(sandbox.executeAsAdmin("SHOW GRANTS ON TABLE D1.S1.T")).extracting(r -> r.get("privilege"))
                .containsExactly("OWNERSHIP", "INSERT");
        assertThat(sandbox.executeAsAdmin("SHOW GRANTS ON TABLE D1.S2.T")).extracting(r -> r.get("privilege"))
                .containsExactly("OWNERSHIP", "SELECT");
    }

    @Test
    void futureGrantInAStandardSchemaNeedsManageGrants() throws SQLException {
        Connection admin = admin();
        exec(admin, "USE ROLE SYSADMIN");
        assertFails(admin, "GRANT SELECT ON FUTURE TABLES IN SCHEMA D1.S1 TO ROLE READER", 3001, "42501");
        // In a managed-access schema its owner may set them.
        exec(admin, "GRANT SELECT ON FUTURE TABLES IN SCHEMA D1.M TO ROLE READER");
        exec(admin, "REVOKE SELECT ON FUTURE TABLES IN SCHEMA D1.M FROM ROLE READER");
        assertThat(column(admin, "SHOW FUTURE GRANTS IN SCHEMA D1.M", "privilege")).isEmpty();
    }

    @Test
    void nonOwnerWithoutManageGrantsCannotGrantInAManagedSchemaButSecurityadminCan() throws SQLException {
        sandbox.executeAsAdmin("CREATE ROLE LOADER");
        sandbox.executeAsAdmin("GRANT USAGE ON DATABASE D1 TO ROLE LOADER");
        sandbox.executeAsAdmin("GRANT USAGE, CREATE TABLE ON SCHEMA D1.M TO ROLE LOADER");
        sandbox.executeAsAdmin("GRANT USAGE, CREATE TABLE ON SCHEMA D1.S1 TO ROLE LOADER");
        user("lou", "pw", "LOADER");
        Connection lou = connect("lou", "pw", props("role", "LOADER"));
        exec(lou, "CREATE TABLE D1.M.FACTS (a INT)");
        exec(lou, "CREATE TABLE D1.S1.FACTS (a INT)");
        // In a standard schema the table owner grants; in a managed one it has lost that ability.
        exec(lou, "GRANT SELECT ON TABLE D1.S1.FACTS TO ROLE READER");
        assertFails(lou, "GRANT SELECT ON TABLE D1.M.FACTS TO ROLE READER", 3001, "42501")
                .hasMessageContaining("Insufficient privileges to operate on table 'FACTS'");

        Connection admin = admin();
        exec(admin, "USE ROLE SECURITYADMIN");
        exec(admin, "GRANT SELECT ON TABLE D1.M.FACTS TO ROLE READER WITH GRANT OPTION");
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS ON TABLE D1.M.FACTS")) {
            rs.next();
            assertThat(rs.getString("privilege")).isEqualTo("OWNERSHIP");
            assertThat(rs.getString("grantee_name")).isEqualTo("LOADER");
            rs.next();
            assertThat(rs.getString("privilege")).isEqualTo("SELECT");
            assertThat(rs.getString("grant_option")).as("always false in managed access").isEqualTo("false");
            assertThat(rs.getString("granted_by")).as("the schema owner").isEqualTo("SYSADMIN");
        }
        Connection rita = connect("rita", "pw", props("role", "READER"));
        assertThat(single(rita, "SELECT COUNT(*) FROM D1.M.FACTS")).isEqualTo("0");

        // The schema owner may grant too, and revoke.
        exec(admin, "USE ROLE SYSADMIN");
        exec(admin, "REVOKE SELECT ON TABLE D1.M.FACTS FROM ROLE READER");
        assertFails(rita, "SELECT COUNT(*) FROM D1.M.FACTS", 2003, "42S02");
        assertThat(column(admin, "SHOW SCHEMAS IN DATABASE D1", "options")).contains("MANAGED ACCESS");
    }

    @Test
    void grantOnAllTablesCoversOnlyExistingTables() throws SQLException {
        sandbox.executeAsAdmin("CREATE TABLE D1.S1.A (x INT)");
        sandbox.executeAsAdmin("CREATE TABLE D1.S1.B (x INT)");
        sandbox.executeAsAdmin("GRANT SELECT ON ALL TABLES IN SCHEMA D1.S1 TO ROLE READER");
        sandbox.executeAsAdmin("CREATE TABLE D1.S1.C (x INT)");
        Connection rita = connect("rita", "pw", props("role", "READER"));
        assertThat(single(rita, "SELECT COUNT(*) FROM D1.S1.A")).isEqualTo("0");
        assertThat(single(rita, "SELECT COUNT(*) FROM D1.S1.B")).isEqualTo("0");
        assertFails(rita, "SELECT COUNT(*) FROM D1.S1.C", 2003, "42S02");
    }
}
