package io.gatehouse.messaging.inbox;

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

/**
 * Sorts a failure of applying an event into what happens to the record (ARCHITECTURE.md, "When things fail"): an
 * outage of the service's own database and a passing conflict with another writer are retried in place, for as long
 * as they last; anything else is the event's own fault and goes to the dead-letter topic at once.
 */
enum Failures {
    /** The database is away, slow or out of connections: wait and try the same record again. */
    OUTAGE,
    /** Another writer held the row (locking, deadlock, serialization): try again at once, a little later. */
    CONFLICT,
    /** The event cannot be applied as it is: dead-letter it with the reason. */
    PERMANENT;

    static Failures of(Throwable failure) {
        // The telling exception may sit deep in the chain, or only among the suppressed ones (a pooled connection
        // that died is reported as "Exception in association of connection to existing transaction", with the
        // driver's connection error suppressed under it): look at all of them, the most telling kind wins.
        Failures found = PERMANENT;
        Deque<Throwable> todo = new ArrayDeque<>(List.of(failure));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            Failures kind = kindOf(t);
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

    private static Failures kindOf(Throwable t) {
        if (t instanceof OptimisticLockException || t instanceof PessimisticLockException
                || t instanceof LockTimeoutException || t instanceof StaleStateException) {
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
            // 40xxx: transaction rollback (serialization failure, deadlock)
            if (state.startsWith("40")) {
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
