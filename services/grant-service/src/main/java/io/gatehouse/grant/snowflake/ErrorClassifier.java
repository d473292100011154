package io.gatehouse.grant.snowflake;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Set;

/**
 * Transient or permanent, from Snowflake's error code, the SQLState and the cause. Transient: the network
 * (driver code 200015, SQLState class 08, an IOException underneath), a warehouse that is suspended or missing
 * (606, 608), an expired session (390112/390114), and an object not there yet (2003, e.g. a table that lands a moment
 * later; a user SCIM has not provisioned yet is waited for apart, {@link #isUserMissing}). Permanent: syntax (1003, class 42000), insufficient
 * privileges (3001, 42501): retrying cannot help, an operator must act. Anything unknown is treated as
 * transient; the job's attempt limit then parks it, unless it is an outage.
 *
 * <p>An outage is the transient kind that says nothing about the statement: Snowflake unreachable, slow or failing
 * (connection refused or reset, an IOException, SQLState class 08, the driver's network and I/O errors 200015/200016
 * (58030), its HTTP error after its own retries of 5xx and 429 (290000), a statement timeout or cancel (57014), a
 * lost session). It is retried for as long as it lasts and never parks a job ({@link #isOutage}).
 *
 * <p>A lost session (390112 that the driver could not renew, 390114, or any SQLState of class 08) also means the
 * pooled connection that saw it is dead for good: only a new login works, so the pool must let it go
 * ({@link SnowflakeConnections}).
 */
public final class ErrorClassifier {

    private static final int WRONG_CREDENTIALS = 390100;
    private static final int OBJECT_MISSING = 2003;
    private static final Set<Integer> SESSION_LOST_CODES = Set.of(390112, 390114);
    private static final Set<Integer> PERMANENT_CODES = Set.of(1003, 3001, 2002, 2043);
    private static final Set<Integer> OUTAGE_CODES = Set.of(200002, 200015, 200016, 200052, 290000);
    private static final Set<String> OUTAGE_STATES = Set.of("58030", "57014");
    private static final Set<String> PERMANENT_STATES = Set.of("42000", "42501", "42601", "42710");

    private ErrorClassifier() {
    }

    public static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        if (e.getErrorCode() == WRONG_CREDENTIALS) {
            return false;   // retrying a wrong password only risks locking the service user out
        }
        if (isSessionLost(e)) {
            return true;    // a new login (after the pool evicted the dead session) will do
        }
        String state = e.getSQLState();
        if (PERMANENT_CODES.contains(e.getErrorCode()) || (state != null && PERMANENT_STATES.contains(state))) {
            return false;
        }
        return true;
    }

    /**
     * True when the failure is Snowflake (or the way to it) being away, slow or failing rather than anything about the
     * statement: retried with back-off for as long as it lasts, never parked. Wrong credentials are not an outage.
     */
    public static boolean isOutage(SQLException e) {
        if (e.getErrorCode() == WRONG_CREDENTIALS) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof SQLTimeoutException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && (OUTAGE_CODES.contains(sql.getErrorCode())
                    || (sql.getSQLState() != null && OUTAGE_STATES.contains(sql.getSQLState()))
                    // Agroal: no pooled connection and no new login within its acquisition timeout (a slow Snowflake)
                    || String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains("acquisition timeout"))) {
                return true;
            }
        }
        return isSessionLost(e);
    }

    /**
     * True when the connection's Snowflake session is gone (expired master token, a restarted Snowflake, a broken
     * connection): the driver reports it on this exception, a cause or a chained next exception.
     */
    public static boolean isSessionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if (SESSION_LOST_CODES.contains(s.getErrorCode()) || (state != null && state.startsWith("08"))) {
                        return s.getErrorCode() != WRONG_CREDENTIALS;
                    }
                }
            }
        }
        return false;
    }

    /**
     * True when Snowflake refused a statement because the user {@code user} does not exist (or the service role cannot
     * see it): 002003 "User 'U' does not exist or not authorized.". Only the named user, so a missing role, table or
     * another user is not mistaken for it.
     */
    public static boolean isUserMissing(SQLException e, String user) {
        return e.getErrorCode() == OBJECT_MISSING && user != null && String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT)
                .contains("USER '" + user.toUpperCase(Locale.ROOT) + "' DOES NOT EXIST OR NOT AUTHORIZED");
    }

    /** {@code 2003/02000} style, for audit rows and operators. */
    public static String code(SQLException e) {
        return e.getErrorCode() + "/" + e.getSQLState();
    }
}
