package io.gatehouse.snowflake.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading a table needs USAGE on its database and schema plus SELECT on it, through the role hierarchy. */
class DataAccessTest extends SandboxTestBase {

    @BeforeEach
    void data() {
        sandbox.executeAsAdmin("CREATE DATABASE D1");
        sandbox.executeAsAdmin("CREATE SCHEMA D1.S1");
        sandbox.executeAsAdmin("CREATE TABLE D1.S1.T1 (id INT, name VARCHAR(10))");
        sandbox.executeAsAdmin("INSERT INTO D1.S1.T1 VALUES (1, 'one'), (2, 'two')");
        sandbox.executeAsAdmin("CREATE ROLE READER");
        sandbox.executeAsAdmin("GRANT USAGE ON DATABASE D1 TO ROLE READER");
        sandbox.executeAsAdmin("GRANT SELECT ON TABLE D1.S1.T1 TO ROLE READER");
    }

    @Test
    void selectOnTableWithoutUsageOnSchemaCannotRead() throws SQLException {
        user("alice", "pw", "READER");
        Connection alice = connect("alice", "pw");
        exec(alice, "USE ROLE READER");
        assertFails(alice, "SELECT * FROM D1.S1.T1", 2003, "02000")
                .hasMessageContaining("Schema 'D1.S1' does not exist or not authorized.");

        sandbox.executeAsAdmin("GRANT USAGE ON SCHEMA D1.S1 TO ROLE READER");

        try (Statement s = alice.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM D1.S1.T1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("ID")).isEqualTo("1");
            assertThat(rs.getString("NAME")).isEqualTo("one");
            assertThat(rs.next()).isTrue();
            assertThat(rs.next()).isFalse();
        }
        assertThat(single(alice, "SELECT COUNT(*) FROM D1.S1.T1")).isEqualTo("2");
    }

    @Test
    void accessFlowsThroughThreeLevelsAndStopsWhenTheMiddleGrantIsRevoked() throws SQLException {
        sandbox.executeAsAdmin("GRANT USAGE ON SCHEMA D1.S1 TO ROLE READER");
        sandbox.executeAsAdmin("CREATE ROLE ANALYST");
        sandbox.executeAsAdmin("CREATE ROLE TEAM_LEAD");
        sandbox.executeAsAdmin("GRANT ROLE READER TO ROLE ANALYST");
        sandbox.executeAsAdmin("GRANT ROLE ANALYST TO ROLE TEAM_LEAD");
        user("lead", "pw", "TEAM_LEAD");
        Connection lead = connect("lead", "pw", props("role", "TEAM_LEAD"));
        assertThat(single(lead, "SELECT CURRENT_ROLE()")).isEqualTo("TEAM_LEAD");
        assertThat(single(lead, "SELECT COUNT(*) FROM D1.S1.T1")).isEqualTo("2");

        sandbox.executeAsAdmin("REVOKE ROLE READER FROM ROLE ANALYST");

        assertFails(lead, "SELECT COUNT(*) FROM D1.S1.T1", 2003, "02000");
        // The user can no longer activate the lower role either.
        assertFails(lead, "USE ROLE READER", 2003, "02000");
    }

    @Test
    void visibleTableWithoutSelectIsInsufficientPrivileges() throws SQLException {
        sandbox.executeAsAdmin("GRANT USAGE ON SCHEMA D1.S1 TO ROLE READER");
        sandbox.executeAsAdmin("CREATE TABLE D1.S1.T2 (x INT)");
        sandbox.executeAsAdmin("GRANT INSERT ON TABLE D1.S1.T2 TO ROLE READER");
        user("alice", "pw", "READER");
        Connection alice = connect("alice", "pw", props("role", "READER"));
        assertFails(alice, "SELECT * FROM D1.S1.T2", 3001, "42501");
        exec(alice, "INSERT INTO D1.S1.T2 VALUES (7)");
        assertThat(single(sandbox, "SELECT COUNT(*) FROM D1.S1.T2")).isEqualTo("1");
        // A table the role holds nothing on is reported as missing, as Snowflake hides it.
        sandbox.executeAsAdmin("CREATE TABLE D1.S1.HIDDEN (x INT)");
        assertFails(alice, "SELECT * FROM D1.S1.HIDDEN", 2003, "42S02");
        assertFails(alice, "INSERT INTO D1.S1.T1 VALUES (3, 'three')", 3001, "42501");
    }

    @Test
    void createTableNeedsUsageAndCreateTableOnTheSchemaAndTheCreatorOwnsIt() throws SQLException {
        sandbox.executeAsAdmin("CREATE ROLE BUILDER");
        sandbox.executeAsAdmin("GRANT USAGE ON DATABASE D1 TO ROLE BUILDER");
        user("bo", "pw", "BUILDER");
        Connection bo = connect("bo", "pw", props("role", "BUILDER"));
        assertFails(bo, "CREATE TABLE D1.S1.NEW_T (a INT)", 2003, "02000");
        sandbox.executeAsAdmin("GRANT USAGE ON SCHEMA D1.S1 TO ROLE BUILDER");
        assertFails(bo, "CREATE TABLE D1.S1.NEW_T (a INT)", 3001, "42501")
                .hasMessageContaining("Insufficient privileges to operate on schema 'S1'");
        sandbox.executeAsAdmin("GRANT CREATE TABLE ON SCHEMA D1.S1 TO ROLE BUILDER");
        exec(bo, "CREATE TABLE D1.S1.NEW_T (a INT)");
        exec(bo, "INSERT INTO D1.S1.NEW_T VALUES (1)");
        assertThat(single(bo, "SELECT COUNT(*) FROM D1.S1.NEW_T")).isEqualTo("1");
        assertThat(column(bo, "SHOW TABLES IN SCHEMA D1.S1", "owner")).containsExactly("BUILDER");
    }

    @Test
    void useDatabaseAndSchemaResolveUnqualifiedNames() throws SQLException {
        sandbox.executeAsAdmin("GRANT USAGE ON SCHEMA D1.S1 TO ROLE READER");
        // USE WAREHOUSE needs the warehouse to exist and USAGE on it, as in Snowflake.
        sandbox.executeAsAdmin("CREATE WAREHOUSE COMPUTE_WH");
        sandbox.executeAsAdmin("GRANT USAGE ON WAREHOUSE COMPUTE_WH TO ROLE READER");
        user("alice", "pw", "READER");
        Connection alice = connect("alice", "pw", props("role", "READER"));
        exec(alice, "USE DATABASE D1");
        exec(alice, "USE SCHEMA S1");
        exec(alice, "USE WAREHOUSE COMPUTE_WH");
        exec(alice, "ALTER SESSION SET QUERY_TAG = 'test'");
        assertThat(single(alice, "SELECT COUNT(*) FROM T1")).isEqualTo("2");
        assertThat(single(alice, "SELECT CURRENT_SCHEMA()")).isEqualTo("S1");
    }

    private static String single(SnowflakeSandbox sf, String sql) {
        return sf.executeAsAdmin(sql).get(0).values().iterator().next();
    }

    static java.util.Properties props(String key, String value) {
        java.util.Properties p = new java.util.Properties();
        p.put(key, value);
        return p;
    }
}
