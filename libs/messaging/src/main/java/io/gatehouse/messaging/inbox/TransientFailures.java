package io.gatehouse.messaging.inbox;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.hibernate.StaleStateException;

/**
 * Failures of the database that a second try usually clears: two writers on one row (optimistic or
 * pessimistic locking, deadlocks, serialization failures) and a dropped connection. Anything else is the
 * event's own fault and goes to the dead-letter topic at once.
 */
final class TransientFailures {

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof PessimisticLockException
                    || t instanceof LockTimeoutException || t instanceof StaleStateException
                    || t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    // 40xxx: transaction rollback (serialization failure, deadlock); 08xxx: connection exception
                    && (sql.getSQLState().startsWith("40") || sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
