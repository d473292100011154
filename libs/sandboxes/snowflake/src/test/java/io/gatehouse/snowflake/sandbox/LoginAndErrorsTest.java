package io.gatehouse.snowflake.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class LoginAndErrorsTest extends SandboxTestBase {

    @Test
    void adminLogsInWithAccountadminAndCreatesARole() throws SQLException {
        Connection c = admin();
        assertThat(single(c, "SELECT CURRENT_ROLE()")).isEqualTo("ACCOUNTADMIN");
        try (Statement s = c.createStatement()) {
            assertThat(s.execute("CREATE ROLE analyst")).isFalse();
            assertThat(s.getUpdateCount()).isZero();
        }
        assertThat(column(c, "SHOW ROLES", "name"))
                .contains("ACCOUNTADMIN", "SECURITYADMIN", "USERADMIN", "SYSADMIN", "PUBLIC", "ANALYST");
        assertThat(column(c, "SHOW ROLES LIKE 'anal%'", "owner")).containsExactly("ACCOUNTADMIN");
    }

    @Test
    void wrongPasswordIsTheDriversAuthenticationError() {
        assertThatThrownBy(() -> connect("admin", "wrong"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Incorrect username or password was specified.")
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(390100));
    }

    @Test
    void unknownUserIsTheSameAuthenticationError() {
        assertThatThrownBy(() -> connect("nobody", "x"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(390100));
    }

    @Test
    void unknownObjectIs2003With02000() throws SQLException {
        Connection c = admin();
        assertFails(c, "GRANT ROLE NOPE TO ROLE SYSADMIN", 2003, "02000")
                .hasMessageContaining("Role 'NOPE' does not exist or not authorized.");
        assertFails(c, "USE DATABASE NOPE", 2003, "02000");
        assertFails(c, "SHOW GRANTS TO ROLE NOPE", 2003, "02000");
    }

    @Test
    void insufficientPrivilegesIs3001With42501() throws SQLException {
        sandbox.executeAsAdmin("CREATE ROLE plain");
        user("bob", "pw", "PLAIN");
        Connection bob = connect("bob", "pw");
        exec(bob, "USE ROLE PLAIN");
        assertFails(bob, "CREATE ROLE sneaky", 3001, "42501")
                .hasMessageContaining("Insufficient privileges to operate on account 'TESTACCT'");
    }

    @Test
    void syntaxErrorIs1003With42000() throws SQLException {
        Connection c = admin();
        assertFails(c, "CREATE ROLL r", 1003, "42000").hasMessageContaining("syntax error");
        // The statement stays usable after an error.
        assertThat(single(c, "SELECT CURRENT_USER()")).isEqualTo("ADMIN");
    }

    @Test
    void createRoleTwiceFailsUnlessIfNotExists() throws SQLException {
        Connection c = admin();
        exec(c, "CREATE ROLE r1");
        assertFails(c, "CREATE ROLE r1", 2002, "42710");
        exec(c, "CREATE ROLE IF NOT EXISTS r1");
        exec(c, "DROP ROLE r1");
        assertFails(c, "DROP ROLE r1", 2003, "02000");
        exec(c, "DROP ROLE IF EXISTS r1");
    }

    @Test
    void connectionCloseEndsTheSession() throws SQLException {
        Connection c = admin();
        int open = sandbox.openSessions();
        c.close();
        assertThat(sandbox.openSessions()).isEqualTo(open - 1);
    }
}
