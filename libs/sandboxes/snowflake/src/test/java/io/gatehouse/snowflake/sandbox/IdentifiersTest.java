package io.gatehouse.snowflake.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Unquoted names resolve in upper case; quoted ones are kept exactly, with "" for an embedded quote. */
class IdentifiersTest extends SandboxTestBase {

    @Test
    void quotedMixedCaseAndOddIdentifiersRoundTripThroughShowOutput() throws SQLException {
        Connection c = admin();
        exec(c, "CREATE ROLE \"My Role\"");
        exec(c, "CREATE ROLE \"a\"\"b\"");
        exec(c, "CREATE ROLE mixedCase");
        exec(c, "CREATE DATABASE \"db x\"");
        exec(c, "CREATE SCHEMA \"db x\".\"Sch\"");
        exec(c, "CREATE TABLE \"db x\".\"Sch\".\"My Table\" (\"Col 1\" INT)");
        exec(c, "GRANT USAGE ON DATABASE \"db x\" TO ROLE \"a\"\"b\"");
        exec(c, "GRANT SELECT ON TABLE \"db x\".\"Sch\".\"My Table\" TO ROLE \"a\"\"b\"");
        exec(c, "GRANT ROLE \"My Role\" TO ROLE \"a\"\"b\"");

        assertThat(column(c, "SHOW ROLES", "name")).contains("My Role", "a\"b", "MIXEDCASE");
        assertThat(column(c, "SHOW ROLES LIKE 'my role'", "name")).containsExactly("My Role");
        assertThat(column(c, "SHOW DATABASES", "name")).contains("db x");
        assertThat(column(c, "SHOW TABLES IN SCHEMA \"db x\".\"Sch\"", "name")).containsExactly("My Table");
        assertThat(column(c, "SHOW GRANTS TO ROLE \"a\"\"b\"", "name"))
                .containsExactly("\"db x\"", "\"db x\".\"Sch\".\"My Table\"", "My Role");
        assertThat(column(c, "SHOW GRANTS OF ROLE \"My Role\"", "grantee_name")).containsExactly("a\"b");
        assertThat(column(c, "SELECT * FROM \"db x\".\"Sch\".\"My Table\"", "Col 1")).isEmpty();
    }

    @Test
    void quotedAndUnquotedAreDifferentUnlessTheQuotedIsUpperCase() throws SQLException {
        Connection c = admin();
        exec(c, "CREATE ROLE analyst");
        exec(c, "CREATE ROLE \"analyst\"");
        assertFails(c, "CREATE ROLE \"ANALYST\"", 2002, "42710");
        assertFails(c, "CREATE ROLE Analyst", 2002, "42710");
        assertThat(column(c, "SHOW ROLES LIKE 'ANALYST'", "name")).containsExactlyInAnyOrder("ANALYST", "analyst");
        exec(c, "DROP ROLE \"analyst\"");
        assertThat(column(c, "SHOW ROLES LIKE 'analyst'", "name")).containsExactly("ANALYST");
    }

    @Test
    void preparedStatementBindsReplacePlaceholders() throws SQLException {
        Connection c = admin();
        exec(c, "CREATE ROLE BOUND_ROLE");
        try (var ps = c.prepareStatement("SHOW ROLES LIKE ?")) {
            ps.setString(1, "BOUND%");
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("name")).isEqualTo("BOUND_ROLE");
            }
        }
    }
}
