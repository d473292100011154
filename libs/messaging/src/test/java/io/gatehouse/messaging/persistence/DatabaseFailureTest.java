package io.gatehouse.messaging.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/** Plain unit test: which database failures pass (retried) and which are for good. */
class DatabaseFailureTest {

    @Test
    void connectionLossAndPoolExhaustionAreOutages() {
        assertThat(DatabaseFailure.of(new SQLException("I/O error", "08006"))).isEqualTo(DatabaseFailure.OUTAGE);
        assertThat(DatabaseFailure.of(new SQLTransientConnectionException("gone"))).isEqualTo(DatabaseFailure.OUTAGE);
        assertThat(DatabaseFailure.of(new SQLException("Sorry, acquisition timeout!"))).isEqualTo(DatabaseFailure.OUTAGE);
        assertThat(DatabaseFailure.of(new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("refused", "08001")))).isEqualTo(DatabaseFailure.OUTAGE);
        assertThat(DatabaseFailure.of(new SQLException("cannot connect now", "57P03"))).isEqualTo(DatabaseFailure.OUTAGE);
    }

    @Test
    void theTellingCauseMayOnlyBeSuppressed() {
        RuntimeException wrapper = new RuntimeException("Exception in association", new IllegalStateException("enlist"));
        wrapper.getCause().addSuppressed(new SQLException("Database is closed", "08003"));
        assertThat(DatabaseFailure.of(wrapper)).isEqualTo(DatabaseFailure.OUTAGE);
    }

    @Test
    void anotherWritersLockIsAConflict() {
        assertThat(DatabaseFailure.of(new OptimisticLockException("changed"))).isEqualTo(DatabaseFailure.CONFLICT);
        assertThat(DatabaseFailure.of(new SQLException("could not serialize", "40001"))).isEqualTo(DatabaseFailure.CONFLICT);
        assertThat(DatabaseFailure.of(new SQLException("lock not available", "55P03"))).isEqualTo(DatabaseFailure.CONFLICT);
        assertThat(DatabaseFailure.CONFLICT.passes()).isTrue();
    }

    @Test
    void aBrokenInvariantIsForGood() {
        assertThat(DatabaseFailure.of(new SQLException("duplicate key", "23505"))).isEqualTo(DatabaseFailure.PERMANENT);
        assertThat(DatabaseFailure.of(new IllegalArgumentException("unknown role"))).isEqualTo(DatabaseFailure.PERMANENT);
        assertThat(DatabaseFailure.PERMANENT.passes()).isFalse();
    }
}
