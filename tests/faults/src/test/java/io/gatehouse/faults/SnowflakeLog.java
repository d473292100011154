package io.gatehouse.faults;

import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import io.gatehouse.snowflake.sandbox.StatementLog;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** What a person sees of Snowflake, and what the sandbox's statement log says happened to a role, in order. */
final class SnowflakeLog {

    private SnowflakeLog() {
    }

    /**
     * Successful GRANTs to {@code role} after the last successful REVOKE from it, in the order Snowflake ran them: for
     * someone who left for good, any is a re-grant.
     */
    static List<String> grantsAfterLastRevoke(SnowflakeSandbox snowflake, String role) {
        String to = "TO ROLE \"" + role + "\"";
        String from = "FROM ROLE \"" + role + "\"";
        List<StatementLog.Entry> entries = snowflake.statementLog().entries().stream().filter(StatementLog.Entry::succeeded).toList();
        int lastRevoke = -1;
        for (int i = 0; i < entries.size(); i++) {
            String sql = entries.get(i).sql();
            if (sql.startsWith("REVOKE") && sql.contains(from)) {
                lastRevoke = i;
            }
        }
        return entries.subList(lastRevoke + 1, entries.size()).stream()
                .filter(e -> e.sql().startsWith("GRANT") && e.sql().contains(to))
                .map(e -> e.at() + " " + e.sql()).toList();
    }

    /** Logged in as {@code login} (password {@code pw}, as {@link GrantStack#users} creates them), on their own role. */
    static long countAs(SnowflakeSandbox snowflake, String login, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(snowflake.jdbcUrl(), snowflake.connectionProperties(login, "pw"));
             Statement statement = connection.createStatement()) {
            statement.execute("USE ROLE GH_USER_" + login);
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
