package io.gatehouse.snowflake.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop/start on the same port with the same state, the state file, latency, the statement log and reset. */
class LifecycleTest extends SandboxTestBase {

    @Test
    void stoppedSandboxRestartsOnTheSamePortWithTheSameStateAndSessions() throws SQLException {
        Connection c = admin();
        exec(c, "CREATE ROLE SURVIVOR");
        int port = sandbox.port();

        sandbox.stop();
        assertThat(sandbox.isRunning()).isFalse();
        java.util.Properties quick = new java.util.Properties();
        quick.put("loginTimeout", "2");
        quick.put("networkTimeout", "2000");
        assertThatThrownBy(() -> connect("admin", ADMIN_PASSWORD, quick)).isInstanceOf(SQLException.class);

        sandbox.start();
        assertThat(sandbox.port()).isEqualTo(port);
        assertThat(column(c, "SHOW ROLES LIKE 'SURVIVOR'", "name")).containsExactly("SURVIVOR");
        assertThat(column(admin(), "SHOW ROLES LIKE 'SURVIVOR'", "name")).containsExactly("SURVIVOR");
    }

    @Test
    void stateFileSurvivesAProcessRestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state.json");
        try (SnowflakeSandbox first = SnowflakeSandbox.builder().stateFile(file).adminPassword("pw").build().start()) {
            first.executeAsAdmin("CREATE DATABASE KEEP");
            first.executeAsAdmin("CREATE TABLE KEEP.PUBLIC.T (a NUMBER(10, 1), b TEXT)");
            first.executeAsAdmin("INSERT INTO KEEP.PUBLIC.T VALUES (1, 'x'), (2.5, NULL)");
            first.executeAsAdmin("CREATE ROLE \"Kept Role\"");
            first.executeAsAdmin("GRANT USAGE ON DATABASE KEEP TO ROLE \"Kept Role\"");
            first.executeAsAdmin("CREATE USER KEEPER PASSWORD = 'secret-pw'");
        }
        assertThat(Files.readString(file)).doesNotContain("secret-pw");
        try (SnowflakeSandbox second = SnowflakeSandbox.builder().stateFile(file).adminPassword("pw").build().start()) {
            assertThat(second.executeAsAdmin("SHOW GRANTS TO ROLE \"Kept Role\"")).extracting(r -> r.get("name"))
                    .containsExactly("KEEP");
            assertThat(second.executeAsAdmin("SELECT * FROM KEEP.PUBLIC.T")).extracting(r -> r.get("A"))
                    .containsExactly("1.0", "2.5");
            Connection keeper = java.sql.DriverManager.getConnection(second.jdbcUrl(),
                    second.connectionProperties("keeper", "secret-pw"));
            assertThat(single(keeper, "SELECT CURRENT_USER()")).isEqualTo("KEEPER");
            keeper.close();
        }
    }

    @Test
    void latencyIsAddedToEveryStatement() throws SQLException {
        Connection c = admin();
        sandbox.setStatementLatency(Duration.ofMillis(150));
        try {
            long start = System.nanoTime();
            single(c, "SELECT CURRENT_ROLE()");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        } finally {
            sandbox.setStatementLatency(Duration.ZERO);
        }
    }

    @Test
    void statementLogCountsDriverStatementsByKindAndMasksPasswords() throws SQLException {
        Connection c = admin();
        sandbox.statementLog().clear();
        exec(c, "CREATE ROLE L1");
        exec(c, "CREATE ROLE L2");
        exec(c, "GRANT ROLE L1 TO ROLE L2");
        exec(c, "CREATE USER U1 PASSWORD = 'hunter2'");
        assertFails(c, "GRANT ROLE NOPE TO ROLE L2", 2003, "02000");
        column(c, "SHOW GRANTS TO ROLE L2", "name");

        StatementLog log = sandbox.statementLog();
        assertThat(log.count()).isEqualTo(6);
        assertThat(log.count("CREATE ROLE")).isEqualTo(2);
        assertThat(log.count("GRANT")).isEqualTo(2);
        assertThat(log.count("SHOW GRANTS")).isEqualTo(1);
        assertThat(log.errorCount()).isEqualTo(1);
        assertThat(log.entries()).extracting(StatementLog.Entry::sql).noneMatch(s -> s.contains("hunter2"));
        assertThat(log.entries().get(4).errorCode()).isEqualTo("002003");
    }

    @Test
    void resetForgetsEverythingButTheAdmin() throws SQLException {
        Connection c = admin();
        exec(c, "CREATE ROLE GONE");
        sandbox.reset();
        assertThat(column(c, "SHOW ROLES LIKE 'GONE'", "name")).isEmpty();
        assertThat(sandbox.statementLog().count()).isEqualTo(1);
    }
}
