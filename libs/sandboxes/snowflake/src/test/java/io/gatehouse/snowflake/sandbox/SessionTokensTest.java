package io.gatehouse.snowflake.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Through snowflake-jdbc: session tokens expire and renew, and a forgotten session is refused as Snowflake refuses it. */
class SessionTokensTest extends SandboxTestBase {

    @Test
    void anExpiredSessionTokenIsRenewedByTheDriverWithItsMasterToken() throws SQLException {
        Connection c = admin();
        assertThat(single(c, "SELECT CURRENT_ROLE()")).isEqualTo("ACCOUNTADMIN");

        sandbox.expireSessionTokens();

        assertThat(single(c, "SELECT CURRENT_ROLE()")).isEqualTo("ACCOUNTADMIN");
    }

    /** What a restarted Snowflake process looks like to a pooled connection: 390114 at once, never a renewal loop. */
    @Test
    void aForgottenSessionFailsWith390114AndANewLoginWorks() throws SQLException {
        Connection old = admin();
        assertThat(single(old, "SELECT CURRENT_ROLE()")).isEqualTo("ACCOUNTADMIN");

        sandbox.forgetSessions();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> single(old, "SELECT CURRENT_ROLE()"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(390114))
                        .hasMessageContaining("Authentication token has expired"));
        assertThat(single(admin(), "SELECT CURRENT_ROLE()")).isEqualTo("ACCOUNTADMIN");
    }
}
