package io.gatehouse.snowflake.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SELECT as clients write it (aliases, {@code *}, WHERE on literals, LIMIT), through snowflake-jdbc, with the
 * same privilege checks as the plain forms: USAGE on database and schema and SELECT on the table.
 */
class SelectQueryTest extends SandboxTestBase {

    @BeforeEach
    void data() {
        readableTable("(1, 'one'), (2, 'two'), (3, 'three'), (4, NULL)");
        sandbox.executeAsAdmin("CREATE ROLE OUTSIDER");
        user("alice", "pw", "READER");
        user("olga", "pw", "OUTSIDER");
    }

    @Test
    void aliasesWhereAndLimitReturnTheMatchingRows() throws SQLException {
        Connection alice = connect("alice", "pw", DataAccessTest.props("role", "READER"));

        assertThat(rows(alice, "SELECT COUNT(*) AS N FROM D1.S1.T1")).containsExactly(List.of("N"), List.of("4"));
        assertThat(rows(alice, "select count(*) n from d1.s1.t1 where id > 1 and id <= 3"))
                .containsExactly(List.of("N"), List.of("2"));
        assertThat(rows(alice, "SELECT ID AS X, NAME FROM D1.S1.T1 WHERE NAME = 'two' OR ID >= 3 LIMIT 2"))
                .containsExactly(List.of("X", "NAME"), List.of("2", "two"), List.of("3", "three"));
        assertThat(rows(alice, "SELECT * FROM D1.S1.T1 WHERE (ID < 2 OR ID = 4) AND ID <> 4"))
                .containsExactly(List.of("ID", "NAME"), List.of("1", "one"));
        // NULL never compares true, in either direction.
        assertThat(rows(alice, "SELECT ID FROM D1.S1.T1 WHERE NAME <> 'one'"))
                .containsExactly(List.of("ID"), List.of("2"), List.of("3"));
        assertThat(rows(alice, "SELECT NAME AS \"Label\" FROM D1.S1.T1 WHERE ID != 1 LIMIT 1"))
                .containsExactly(List.of("Label"), List.of("two"));
        assertThat(rows(alice, "SELECT * FROM D1.S1.T1 LIMIT 0")).containsExactly(List.of("ID", "NAME"));
        // Bind variables work in WHERE as the driver sends them.
        try (java.sql.PreparedStatement ps = alice.prepareStatement("SELECT NAME FROM D1.S1.T1 WHERE ID = ?")) {
            ps.setInt(1, 3);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("NAME")).isEqualTo("three");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void theSameQueriesAreRefusedWithoutThePrivileges() throws SQLException {
        Connection olga = connect("olga", "pw", DataAccessTest.props("role", "OUTSIDER"));
        assertFails(olga, "SELECT COUNT(*) AS N FROM D1.S1.T1 WHERE ID = 1", 2003, "02000")
                .hasMessageContaining("Database 'D1' does not exist or not authorized.");

        sandbox.executeAsAdmin("GRANT USAGE ON DATABASE D1 TO ROLE OUTSIDER");
        sandbox.executeAsAdmin("GRANT USAGE ON SCHEMA D1.S1 TO ROLE OUTSIDER");
        assertFails(olga, "SELECT ID AS X FROM D1.S1.T1 LIMIT 1", 2003, "42S02")
                .hasMessageContaining("Object 'D1.S1.T1' does not exist or not authorized.");

        sandbox.executeAsAdmin("GRANT INSERT ON TABLE D1.S1.T1 TO ROLE OUTSIDER");
        assertFails(olga, "SELECT * FROM D1.S1.T1 WHERE ID = 1", 3001, "42501");

        // Alice's access through READER is untouched, and PUBLIC alone (her login without a role) reads nothing.
        Connection alice = connect("alice", "pw");
        assertFails(alice, "SELECT COUNT(*) AS N FROM D1.S1.T1", 2003, "02000");
    }

    @Test
    void unknownColumnsAreInvalidIdentifiersAndOtherFormsAreSyntaxErrors() throws SQLException {
        Connection alice = connect("alice", "pw", DataAccessTest.props("role", "READER"));
        assertFails(alice, "SELECT NOPE FROM D1.S1.T1", 904, "42000")
                .hasMessageContaining("invalid identifier 'NOPE'");
        assertFails(alice, "SELECT ID FROM D1.S1.T1 WHERE NOPE = 1", 904, "42000");
        assertFails(alice, "SELECT ID FROM D1.S1.T1 WHERE ID = 'x'", 100038, "22018");
        assertFails(alice, "SELECT ID FROM D1.S1.T1 WHERE ID = = 1", 1003, "42000");
        assertFails(alice, "SELECT ID FROM D1.S1.T1 LIMIT -1", 1003, "42000");
        assertFails(alice, "SELECT NAME", 904, "42000");
        // Without FROM the context functions and literals still work, aliased or not.
        assertThat(rows(alice, "SELECT CURRENT_ROLE() AS R, 1 AS ONE, 'x'"))
                .containsExactly(List.of("R", "ONE", "'x'"), List.of("READER", "1", "x"));
    }

    /** The column labels, then each row's values as strings. */
    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                labels.add(md.getColumnLabel(i));
            }
            out.add(labels);
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
