package io.gatehouse.snowflake.sandbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Starts one sandbox per test class on a random port and resets it before each test. Every test talks to
 * it through the real snowflake-jdbc driver.
 */
abstract class SandboxTestBase {

    static final String ADMIN_PASSWORD = "admin-secret";

    static SnowflakeSandbox sandbox;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeAll
    static void startSandbox() {
        sandbox = SnowflakeSandbox.builder().accountName("TESTACCT").adminUser("admin")
                .adminPassword(ADMIN_PASSWORD).build().start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.stop();
    }

    @BeforeEach
    void resetSandbox() {
        sandbox.reset();
    }

    @AfterEach
    void closeConnections() throws SQLException {
        for (Connection c : connections) {
            c.close();
        }
        connections.clear();
    }

    Connection connect(String user, String password) throws SQLException {
        return connect(user, password, new Properties());
    }

    Connection connect(String user, String password, Properties extra) throws SQLException {
        Properties p = sandbox.connectionProperties(user, password);
        p.putAll(extra);
        Connection c = DriverManager.getConnection(sandbox.jdbcUrl(), p);
        connections.add(c);
        return c;
    }

    Connection admin() throws SQLException {
        return connect("admin", ADMIN_PASSWORD);
    }

    /** Creates a user with a password and grants it the given roles (as the admin, outside the driver). */
    void user(String name, String password, String... roles) {
        sandbox.executeAsAdmin("CREATE USER " + name + " PASSWORD = '" + password + "'");
        for (String role : roles) {
            sandbox.executeAsAdmin("GRANT ROLE " + role + " TO USER " + name);
        }
    }

    /**
     * Table D1.S1.T1 (ID, NAME) holding {@code values} (an INSERT's VALUES list), and role READER with what
     * reading it takes: USAGE on D1 and D1.S1 and SELECT on the table.
     */
    static void readableTable(String values) {
        sandbox.executeAsAdmin("CREATE DATABASE D1");
        sandbox.executeAsAdmin("CREATE SCHEMA D1.S1");
        sandbox.executeAsAdmin("CREATE TABLE D1.S1.T1 (id INT, name VARCHAR(10))");
        sandbox.executeAsAdmin("INSERT INTO D1.S1.T1 VALUES " + values);
        sandbox.executeAsAdmin("CREATE ROLE READER");
        sandbox.executeAsAdmin("GRANT USAGE ON DATABASE D1 TO ROLE READER");
        sandbox.executeAsAdmin("GRANT USAGE ON SCHEMA D1.S1 TO ROLE READER");
        sandbox.executeAsAdmin("GRANT SELECT ON TABLE D1.S1.T1 TO ROLE READER");
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The values of one column over all rows. */
    static List<String> column(Connection c, String sql, String column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(column));
            }
        }
        return values;
    }

    static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Asserts the statement fails with Snowflake's vendor code and SQLState, as the driver surfaces them. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertFails(Connection c, String sql, int code,
                                                                      String sqlState) {
        return assertThatThrownBy(() -> exec(c, sql))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> {
                    SQLException se = (SQLException) e;
                    org.assertj.core.api.Assertions.assertThat(se.getErrorCode()).as("error code").isEqualTo(code);
                    org.assertj.core.api.Assertions.assertThat(se.getSQLState()).as("SQLState").isEqualTo(sqlState);
                });
    }
}
