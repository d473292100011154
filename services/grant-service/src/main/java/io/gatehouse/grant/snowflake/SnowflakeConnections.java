package io.gatehouse.grant.snowflake;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pooled snowflake-jdbc connections (Agroal datasource {@code snowflake}). The pool validates idle connections
 * itself (application.properties); what it cannot see coming, a session Snowflake forgot between two uses (a
 * restart, an expired master token), surfaces as a failed statement: then every pooled connection is let go, since
 * they were all logged in to the same Snowflake, and the next borrow logs in anew.
 */
@ApplicationScoped
public class SnowflakeConnections {

    /** Work on one connection that may be run again from the start on a fresh one (reads, idempotent checks). */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private final AgroalDataSource pool;
    private final AtomicLong evictions = new AtomicLong();

    SnowflakeConnections(@DataSource("snowflake") AgroalDataSource pool) {
        this.pool = pool;
    }

    public Connection borrow() throws SQLException {
        return pool.getConnection();
    }

    /**
     * Runs the work; when its session turns out to be lost, evicts the pool and runs it again on a new login, so a
     * caller never sees a failure that only the pool's stale state caused. Up to one try per pooled connection and
     * one more, not a single retry: the eviction runs on the pool's own thread, and a borrow racing it may still be
     * handed another of the dead connections (measured: the second try often is). Once that thread has run it, no
     * connection from before is handed out again. A Snowflake that cannot be reached ends the loop at once: the
     * borrow's new login fails and is thrown.
     */
    public <T> T withRetryOnLostSession(Work<T> work) throws SQLException {
        int tries = pool.getConfiguration().connectionPoolConfiguration().maxSize() + 1;
        for (int attempt = 1; ; attempt++) {
            try (Connection c = borrow()) {
                try {
                    return work.on(c);
                } catch (SQLException e) {
                    // evicted while this caller still holds the connection, so the pool destroys it when it comes back
                    if (!evictIfSessionLost(e) || attempt == tries) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * Evicts every pooled connection when {@code failure} says the session is gone. GRACEFUL: idle connections are
     * closed now, those in use (this caller's included) when they are given back, so no running statement is cut.
     * Returns whether it evicted.
     */
    public boolean evictIfSessionLost(SQLException failure) {
        if (failure == null || !ErrorClassifier.isSessionLost(failure)) {
            return false;
        }
        pool.flush(AgroalDataSource.FlushMode.GRACEFUL);
        Log.warnf("Snowflake session lost (%s): evicted the pooled connections (%d eviction(s) so far)",
                ErrorClassifier.code(failure), evictions.incrementAndGet());
        return true;
    }
}
