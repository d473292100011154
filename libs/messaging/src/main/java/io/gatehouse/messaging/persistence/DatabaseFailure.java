package io.gatehouse.messaging.persistence;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import jakarta.transaction.SystemException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;

/**
 * What a failure of the service's own database means (ARCHITECTURE.md, "When things fail"): an outage and a passing
 * conflict with another writer are retried with back-off for as long as they last (an event in place, a job by its
 * schedule); anything else (a missing row, a broken invariant, an event that cannot apply) fails the same way next
 * time. The one classifier of every Gatehouse service.
 */
public enum DatabaseFailure {
    /** The database is away, slow or out of connections: wait and try the same record again. */
    OUTAGE,
    /** Another writer held the row (locking, deadlock, serialization): try again at once, a little later. */
    CONFLICT,
    /** The event cannot be applied as it is: dead-letter it with the reason. */
    PERMANENT;

    public static DatabaseFailure of(Throwable failure) {
        // The telling exception may sit deep in the chain, or only among the suppressed ones (a pooled connection
        // that died is reported as "Exception in association of connection to existing transaction", with the
        // driver's connection error suppressed under it): look at all of them, the most telling kind wins.
        DatabaseFailure found = PERMANENT;
        Deque<Throwable> todo = new ArrayDeque<>(List.of(failure));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            DatabaseFailure kind = kindOf(t);
            if (kind == OUTAGE) {
                return OUTAGE;
            }
            if (kind == CONFLICT) {
                found = CONFLICT;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
        }
        return found;
    }

    /** True when trying again later can succeed: an outage or a conflict. */
    public boolean passes() {
        return this != PERMANENT;
    }

    private static DatabaseFailure kindOf(Throwable t) {
        if (t instanceof OptimisticLockException || t instanceof PessimisticLockException
                || t instanceof LockTimeoutException || t instanceof StaleStateException
                || t instanceof LockAcquisitionException) {
            return CONFLICT;
        }
        if (t instanceof JDBCConnectionException || t instanceof QueryTimeoutException
                || t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException
                // the transaction manager could not enlist a pooled connection that died with the database
                || t instanceof SystemException) {
            return OUTAGE;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            // 40xxx transaction rollback (serialization failure, deadlock); 55P03 lock not available; HYT00 H2's lock
            // timeout
            if (state.startsWith("40") || state.equals("55P03") || state.equals("HYT00")) {
                return CONFLICT;
            }
            // 08xxx connection exception; 53xxx insufficient resources; 57P0x admin shutdown, crash, cannot connect
            // now; 57014 statement timeout
            if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.equals("57014")
                    || t instanceof SQLTransientException || isPoolExhausted(sql)) {
                return OUTAGE;
            }
        }
        return PERMANENT;
    }

    /**
     * Agroal reports an empty pool, and a dead pooled connection it could not enlist in the transaction, with a
     * plain SQLException and no SQLState.
     */
    private static boolean isPoolExhausted(SQLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("acquisition timeout") || message.contains("unable to acquire")
                || message.contains("association of connection to existing transaction");
    }
}
