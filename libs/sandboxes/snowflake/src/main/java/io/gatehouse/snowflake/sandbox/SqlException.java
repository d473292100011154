package io.gatehouse.snowflake.sandbox;

/**
 * An error with Snowflake's error code, SQLState and message, returned to the driver as a failed
 * query response (HTTP 200, {@code success:false}) so that snowflake-jdbc raises it as a
 * SnowflakeSQLException with the same vendor code and SQLState.
 */
public final class SqlException extends RuntimeException {

    private final String code;
    private final String sqlState;

    public SqlException(String code, String sqlState, String message) {
        super(message);
        this.code = code;
        this.sqlState = sqlState;
    }

    /** Six-digit Snowflake error code, e.g. {@code 002003}. */
    public String code() {
        return code;
    }

    public String sqlState() {
        return sqlState;
    }

    /** 001003 / 42000, as Snowflake reports a parse error. */
    public static SqlException syntax(int position, String near) {
        return new SqlException("001003", "42000",
                "SQL compilation error:\nsyntax error line 1 at position " + position + " unexpected '" + near + "'.");
    }

    /** 000904 / 42000: a column name the query's table does not have (or a column where there is no table). */
    public static SqlException invalidIdentifier(int position, String name) {
        return new SqlException("000904", "42000",
                "SQL compilation error: error line 1 at position " + position + "\ninvalid identifier '" + name + "'");
    }

    /**
     * 002003: Snowflake reports an object the current role cannot see exactly like a missing one
     * ("does not exist or not authorized"), so the two cases are indistinguishable on purpose.
     */
    public static SqlException notFound(String kind, String displayName) {
        return new SqlException("002003", "02000",
                "SQL compilation error:\n" + kind + " '" + displayName + "' does not exist or not authorized.");
    }

    /** A table reference in a query: Snowflake uses SQLState 42S02 for a missing table there. */
    public static SqlException tableNotFound(String displayName) {
        return new SqlException("002003", "42S02",
                "SQL compilation error:\nObject '" + displayName + "' does not exist or not authorized.");
    }

    /** 003001 / 42501: the object is visible but the role lacks the privilege for the operation. */
    public static SqlException insufficientPrivileges(String kind, String displayName) {
        return new SqlException("003001", "42501",
                "SQL access control error:\nInsufficient privileges to operate on " + kind + " '" + displayName + "'");
    }

    /** 002002 / 42710: CREATE of an existing object without IF NOT EXISTS. */
    public static SqlException alreadyExists(String displayName) {
        return new SqlException("002002", "42710",
                "SQL compilation error:\nObject '" + displayName + "' already exists.");
    }

    public static SqlException unsupported(String what) {
        return new SqlException("001003", "42000",
                "SQL compilation error:\nunsupported statement in the Snowflake sandbox: " + what);
    }

    /**
     * A property value Snowflake refuses (a malformed RSA_PUBLIC_KEY, an unknown TYPE). Its exact code and wording
     * are not documented and not verified against a live account; what matters is that nothing changes.
     */
    public static SqlException invalidPropertyValue(String property, String why) {
        return new SqlException("002025", "22023",
                "SQL compilation error:\ninvalid value for property '" + property + "': " + why + ".");
    }
}
