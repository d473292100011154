package io.gatehouse.snowflake.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query reports each column with the type its table declared, as Snowflake's result metadata does: a client such
 * as snowflake-sdk converts values by it (NUMBER to a number), so a NUMBER column reported as text breaks it. INSERT
 * converts values to the column's type the way Snowflake does.
 */
class ColumnTypesTest extends SandboxTestBase {

    void table() {
        readableTable("(1, 'one')");
        sandbox.executeAsAdmin("CREATE TABLE D1.S1.PRICES (ID INTEGER NOT NULL, PRICE NUMBER(10, 2), RATE FLOAT,"
                + " CODE CHAR, NOTE STRING DEFAULT 'none' COMMENT 'free text')");
        sandbox.executeAsAdmin("GRANT SELECT ON TABLE D1.S1.PRICES TO ROLE READER");
        user("alice", "pw", "READER");
    }

    @Test
    void aQueryReportsTheDeclaredTypesAndTheTableTheColumnsComeFrom() throws SQLException {
        table();
        sandbox.executeAsAdmin("INSERT INTO D1.S1.PRICES VALUES (7, 1.005, '2.5', 'A', 42)");
        Connection alice = connect("alice", "pw", DataAccessTest.props("role", "READER"));
        try (Statement s = alice.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID, PRICE AS P, RATE, CODE, NOTE FROM D1.S1.PRICES")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
            assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
            assertThat(md.getColumnLabel(2)).isEqualTo("P");
            assertThat(md.getColumnType(2)).isEqualTo(Types.DECIMAL);
            assertThat(md.getPrecision(2)).isEqualTo(10);
            assertThat(md.getScale(2)).isEqualTo(2);
            assertThat(md.getColumnType(3)).isEqualTo(Types.DOUBLE);
            assertThat(md.getColumnType(4)).isEqualTo(Types.VARCHAR);
            assertThat(md.getPrecision(4)).isEqualTo(1);
            assertThat(md.getPrecision(5)).isEqualTo(16_777_216);
            assertThat(md.getTableName(1)).isEqualTo("PRICES");
            assertThat(md.getSchemaName(1)).isEqualTo("S1");
            assertThat(md.getCatalogName(1)).isEqualTo("D1");
            rs.next();
            assertThat(rs.getObject("ID")).isEqualTo(7L);
            // Rounded to the column's scale on INSERT; a numeric string converted; a number into text is its text.
            assertThat(rs.getBigDecimal("P")).isEqualByComparingTo(new BigDecimal("1.01"));
            assertThat(rs.getString("P")).isEqualTo("1.01");
            assertThat(rs.getDouble("RATE")).isEqualTo(2.5);
            assertThat(rs.getString("NOTE")).isEqualTo("42");
        }
        try (Statement s = alice.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) AS N FROM D1.S1.PRICES")) {
            assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.BIGINT);
            assertThat(rs.getMetaData().getPrecision(1)).isEqualTo(18);
        }
    }

    @Test
    void insertRefusesANonNumberForANumberAndNullForANotNullColumn() throws SQLException {
        table();
        Connection admin = admin();
        assertFails(admin, "INSERT INTO D1.S1.PRICES VALUES (1, 'cheap', 1, 'A', NULL)", 100038, "22018")
                .hasMessage("Numeric value 'cheap' is not recognized");
        assertFails(admin, "INSERT INTO D1.S1.PRICES VALUES (NULL, 1, 1, 'A', NULL)", 100072, "22000")
                .hasMessage("NULL result in a non-nullable column");
        assertThat(sandbox.executeAsAdmin("SELECT COUNT(*) AS N FROM D1.S1.PRICES")).extracting(r -> r.get("N"))
                .containsExactly("0");
    }

    @Test
    void aTypeTheSandboxDoesNotKeepIsRefusedRatherThanMisreported() {
        sandbox.executeAsAdmin("CREATE DATABASE D1");
        sandbox.executeAsAdmin("CREATE SCHEMA D1.S1");
        assertThatThrownBy(() -> sandbox.executeAsAdmin("CREATE TABLE D1.S1.EVENTS (ID INT, AT TIMESTAMP_NTZ)"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("column type TIMESTAMP_NTZ");
    }

    /** Before column types were kept, a state file held each column as a bare name: it loads as a 16 MB VARCHAR. */
    @Test
    void aStateFileWithUntypedColumnsStillLoads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state.json");
        try (SnowflakeSandbox first = SnowflakeSandbox.builder().stateFile(file).build().start()) {
            first.executeAsAdmin("CREATE DATABASE OLD");
            first.executeAsAdmin("CREATE TABLE OLD.PUBLIC.T (A INT)");
            first.executeAsAdmin("INSERT INTO OLD.PUBLIC.T VALUES (5)");
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode state = (ObjectNode) mapper.readTree(file.toFile());
        for (var object : state.withArray("objects")) {
            if (object.path("columns").size() > 0) {
                ((ObjectNode) object).set("columns", mapper.createArrayNode().add("A"));
            }
        }
        assertThat(((ArrayNode) state.get("objects")).findValues("columns").toString()).contains("[\"A\"]");
        mapper.writeValue(file.toFile(), state);
        try (SnowflakeSandbox second = SnowflakeSandbox.builder().stateFile(file).build().start();
             Connection c = java.sql.DriverManager.getConnection(second.jdbcUrl(),
                     second.connectionProperties("ADMIN", "admin"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT A FROM OLD.PUBLIC.T")) {
            assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.VARCHAR);
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("5");
        }
    }
}
