package io.gatehouse.grant.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Plain JUnit (Snowflake adapter): which driver errors mean a dead session, and that those are retried. */
class ErrorClassifierTest {

    @Test
    void anExpiredMasterTokenOrAnUnrenewableSessionIsALostSessionAndTransient() {
        SQLException expired = new SQLException("Authentication token has expired.", "08001", 390114);
        SQLException unrenewed = new SQLException("Session no longer exists.", null, 390112);

        assertThat(ErrorClassifier.isSessionLost(expired)).isTrue();
        assertThat(ErrorClassifier.isSessionLost(unrenewed)).isTrue();
        assertThat(ErrorClassifier.isTransient(expired)).isTrue();
        assertThat(ErrorClassifier.isTransient(unrenewed)).isTrue();
    }

    @Test
    void aConnectionExceptionIsALostSessionWhereverTheDriverPutsIt() {
        SQLException wrapped = new SQLException("statement failed", "XX000", 0,
                new SQLException("connection reset", "08006", 0));
        SQLException chained = new SQLException("batch failed", "XX000", 0);
        chained.setNextException(new SQLException("connection closed", "08003", 0));

        assertThat(ErrorClassifier.isSessionLost(wrapped)).isTrue();
        assertThat(ErrorClassifier.isSessionLost(chained)).isTrue();
    }

    @Test
    void statementErrorsAndWrongCredentialsLeaveThePoolAlone() {
        SQLException missing = new SQLException("does not exist or not authorized", "02000", 2003);
        SQLException privileges = new SQLException("Insufficient privileges", "42501", 3001);
        SQLException wrongPassword = new SQLException("Incorrect username or password", "08004", 390100);

        assertThat(ErrorClassifier.isSessionLost(missing)).isFalse();
        assertThat(ErrorClassifier.isSessionLost(privileges)).isFalse();
        assertThat(ErrorClassifier.isSessionLost(wrongPassword)).isFalse();
        assertThat(ErrorClassifier.isTransient(wrongPassword)).isFalse();
        assertThat(ErrorClassifier.isTransient(privileges)).isFalse();
    }

    @Test
    void snowflakeAwaySlowOrFailingIsAnOutageAStatementRefusalIsNot() {
        SQLException network = new SQLException("JDBC driver encountered communication error", "58030", 200015);
        SQLException http = new SQLException("HTTP status=503", "XX000", 290000);
        SQLException timeout = new SQLException("Statement reached its statement or warehouse timeout", "57014", 630);
        SQLException refused = new SQLException("could not connect", "XX000", 0, new java.net.ConnectException("refused"));
        SQLException pool = new SQLException("Acquisition timeout while waiting for new connection");
        SQLException lost = new SQLException("Session no longer exists.", null, 390112);

        assertThat(java.util.List.of(network, http, timeout, refused, pool, lost))
                .allSatisfy(e -> assertThat(ErrorClassifier.isOutage(e)).as(e.getMessage()).isTrue());
        SQLException missing = new SQLException("does not exist or not authorized", "02000", 2003);
        SQLException privileges = new SQLException("Insufficient privileges", "42501", 3001);
        SQLException wrongPassword = new SQLException("Incorrect username or password", "08004", 390100);
        assertThat(java.util.List.of(missing, privileges, wrongPassword))
                .allSatisfy(e -> assertThat(ErrorClassifier.isOutage(e)).as(e.getMessage()).isFalse());
        assertThat(ErrorClassifier.isTransient(missing)).as("may heal: retried, parked after max-attempts").isTrue();
    }

    @Test
    void aMissingUserIsTheNamedUserOnlyNotAMissingRoleTableOrAnotherUser() {
        SQLException user = new SQLException("SQL compilation error:\nUser 'ALICE' does not exist or not authorized.",
                "02000", 2003);
        SQLException role = new SQLException("SQL compilation error:\nRole 'GH_USER_ALICE' does not exist or not authorized.",
                "02000", 2003);
        SQLException table = new SQLException("SQL compilation error:\nObject 'DB.S.ALICE' does not exist or not authorized.",
                "42S02", 2003);
        SQLException privileges = new SQLException("Insufficient privileges to operate on user 'ALICE'", "42501", 3001);

        assertThat(ErrorClassifier.isUserMissing(user, "ALICE")).isTrue();
        assertThat(ErrorClassifier.isUserMissing(user, "alice")).as("Snowflake upper-cases unquoted names").isTrue();
        assertThat(ErrorClassifier.isUserMissing(user, "BOB")).isFalse();
        assertThat(ErrorClassifier.isUserMissing(user, "ALI")).isFalse();
        assertThat(java.util.List.of(role, table, privileges))
                .allSatisfy(e -> assertThat(ErrorClassifier.isUserMissing(e, "ALICE")).as(e.getMessage()).isFalse());
    }
}
