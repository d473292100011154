package io.gatehouse.grant.it;

import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test helpers: set up Snowflake objects as an admin would, and query as a user through snowflake-jdbc. */
final class Snowflake {

    static final String PASSWORD = "user-pw";

    private Snowflake() {
    }

    static SnowflakeSandbox sandbox() {
        return SnowflakeSandboxResource.sandbox;
    }

    static String admin(String sql) {
        sandbox().executeAsAdmin(sql);
        return sql;
    }

    /** A fresh upper-case name, so stories do not see each other's objects. */
    static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /**
     * A person's user, owned by the service role as the README's setup asks (ALTER USER ... SET DEFAULT_ROLE needs
     * OWNERSHIP of the user, as identity provisioning hands it over).
     */
    static void user(String login) {
        admin("CREATE USER " + login + " PASSWORD = '" + PASSWORD + "'");
        admin("GRANT OWNERSHIP ON USER " + login + " TO ROLE " + SnowflakeSandboxResource.SERVICE_ROLE);
    }

    /** A warehouse, as the platform team creates it (Gatehouse never does). */
    static String warehouse(String name) {
        admin("CREATE WAREHOUSE " + name);
        return name;
    }

    static void table(String db, String schema, String table) {
        admin("CREATE DATABASE IF NOT EXISTS " + db);
        admin("CREATE SCHEMA IF NOT EXISTS " + db + "." + schema);
        admin("CREATE TABLE " + db + "." + schema + "." + table + " (id INT)");
        admin("INSERT INTO " + db + "." + schema + "." + table + " VALUES (1)");
    }

    /** Connects as the user, activates its Gatehouse user role, runs the SQL and returns the first column. */
    static List<String> asUser(String login, String sql) throws SQLException {
        try (Connection c = connect(login); Statement s = c.createStatement()) {
            s.execute("USE ROLE \"GH_USER_" + login + "\"");
            return run(s, sql);
        }
    }

    /** Logs in as the user naming no role or warehouse (lands where its defaults say) and runs the SQL. */
    static List<String> asLoggedIn(String login, String sql) throws SQLException {
        try (Connection c = connect(login); Statement s = c.createStatement()) {
            return run(s, sql);
        }
    }

    /** A connection as the user with its password, naming no role, warehouse or database. */
    private static Connection connect(String login) throws SQLException {
        return DriverManager.getConnection(sandbox().jdbcUrl(), sandbox().connectionProperties(login, PASSWORD));
    }

    /** The Snowflake error code the statement fails with as the user logged in with its defaults, or 0. */
    static int errorLoggedIn(String login, String sql) {
        try {
            asLoggedIn(login, sql);
            return 0;
        } catch (SQLException e) {
            return e.getErrorCode();
        }
    }

    static List<String> run(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        if (s.execute(sql)) {
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    /** True when the user, with its user role, can read the table. */
    static boolean canRead(String login, String table) {
        try {
            asUser(login, "SELECT COUNT(*) FROM " + table);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
