package io.gatehouse.messaging.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import jakarta.persistence.QueryTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.hibernate.exception.SQLGrammarException;
import org.junit.jupiter.api.Test;

/** Plain unit test: failures of the service's own database as a job sees them, wrapped by Hibernate, JTA and Agroal. */
class DatabaseFailureWrappingTest {

    @Test
    void theDatabaseAwayIsTransientHoweverDeepItIsWrapped() {
        SQLException refused = new SQLException("Connection refused", "08001");
        RuntimeException planning = new IllegalStateException("transaction failed",
                new PersistenceException(new JDBCConnectionException("could not prepare statement", refused)));

        assertThat(passes(planning)).isTrue();
        assertThat(passes(new PersistenceException(refused))).isTrue();
        assertThat(passes(new SQLTransientConnectionException("pool closed"))).isTrue();
    }

    @Test
    void anEmptyPoolOrADeadConnectionAgroalCouldNotEnlistIsTransient() {
        // Agroal's own SQLException carries no SQLState; the driver's error, when there is one, only as suppressed
        RuntimeException enlist = new PersistenceException(
                new SQLException("Exception in association of connection to existing transaction"));
        RuntimeException closed = new PersistenceException(new SQLException("enlistment failed"));
        closed.getCause().addSuppressed(new SQLException("This connection has been closed.", "08003"));
        RuntimeException pool = new RuntimeException(new SQLException("Acquisition timeout while waiting for new connection"));

        assertThat(passes(enlist)).isTrue();
        assertThat(passes(closed)).isTrue();
        assertThat(passes(pool)).isTrue();
    }

    @Test
    void aTimeoutOrALockHeldByAnotherWriterIsTransient() {
        assertThat(passes(new QueryTimeoutException("statement timeout"))).isTrue();
        assertThat(passes(new PersistenceException(new LockAcquisitionException("deadlock",
                new SQLException("deadlock detected", "40P01"))))).isTrue();
        assertThat(passes(new PersistenceException(new SQLException("lock not available", "55P03"))))
                .isTrue();
        assertThat(passes(new PersistenceException(new SQLException("Timeout trying to lock table",
                "HYT00", 50200)))).isTrue();
    }

    @Test
    void aPlanThatCannotBeMadeOrBrokenSqlIsPermanent() {
        assertThat(passes(new IllegalStateException("unregistered role GH_TG_X"))).isFalse();
        assertThat(passes(new PersistenceException(new SQLGrammarException("bad query",
                new SQLException("relation \"membership\" does not exist", "42P01"))))).isFalse();
        assertThat(passes(new PersistenceException(new SQLException("duplicate key", "23505"))))
                .isFalse();
    }

    private static boolean passes(Throwable failure) {
        return DatabaseFailure.of(failure).passes();
    }
}
