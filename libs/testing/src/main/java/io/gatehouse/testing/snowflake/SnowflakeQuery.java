package io.gatehouse.testing.snowflake;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A person's own Snowflake session from the command line, as any analyst's client opens one through snowflake-jdbc:
 * the local run's {@code demo} reads a table with it and shows Snowflake's refusal once access is gone.
 *
 * <pre>
 * SNOWFLAKE_PASSWORD=... java -cp ... io.gatehouse.testing.snowflake.SnowflakeQuery &lt;jdbc url&gt; &lt;user&gt; &lt;role|-&gt; &lt;sql&gt;...
 * </pre>
 *
 * The password comes from the environment so that it is not on the process list. Each statement runs in order in one
 * session (with {@code role} as the session's role, {@code -} for the user's default); a statement that returns rows
 * prints them, one line each. Exit 0 when every statement ran, 1 when Snowflake refused one (its code and message
 * printed, e.g. 2003 "does not exist or not authorized"), 2 on wrong usage or when no session could be opened.
 */
public final class SnowflakeQuery {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int NO_SESSION = 2;

    private SnowflakeQuery() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv("SNOWFLAKE_PASSWORD"), System.out));
    }

    static int run(String[] args, String password, PrintStream out) {
        if (args.length < 4 || password == null) {
            out.println("usage: SNOWFLAKE_PASSWORD=... SnowflakeQuery <jdbc url> <user> <role|-> <sql>...");
            return NO_SESSION;
        }
        Properties properties = new Properties();
        properties.put("user", args[1]);
        properties.put("password", password);
        if (!"-".equals(args[2])) {
            properties.put("role", args[2]);
        }
        // Without it the driver probes cloud metadata endpoints on its first connect (about 1 s and SEVERE lines).
        properties.put("disablePlatformDetection", "true");
        properties.put("loginTimeout", "20");
        Connection connection;
        try {
            connection = DriverManager.getConnection(args[0], properties);
        } catch (SQLException e) {
            out.println("no session for " + args[1] + ": " + describe(e));
            return NO_SESSION;
        }
        try (connection; Statement statement = connection.createStatement()) {
            for (int i = 3; i < args.length; i++) {
                if (statement.execute(args[i])) {
                    try (ResultSet rows = statement.getResultSet()) {
                        print(rows, out);
                    }
                }
            }
            return OK;
        } catch (SQLException e) {
            out.println("refused: " + describe(e));
            return REFUSED;
        }
    }

    /** A header of column names, then one line per row, values joined by " | ". */
    private static void print(ResultSet rows, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<String> names = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            names.add(meta.getColumnLabel(c));
        }
        out.println(String.join(" | ", names));
        int count = 0;
        while (rows.next()) {
            List<String> values = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                values.add(String.valueOf(rows.getString(c)));
            }
            out.println(String.join(" | ", values));
            count++;
        }
        out.println("(" + count + (count == 1 ? " row)" : " rows)"));
    }

    private static String describe(SQLException e) {
        // one line: Snowflake puts "SQL compilation error:" and the reason on lines of their own
        String message = String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ");
        return "SQL error " + e.getErrorCode() + " (" + e.getSQLState() + "): " + message;
    }
}
