package io.gatehouse.testing.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command-line session against the Snowflake sandbox through snowflake-jdbc: rows, a refusal, no session. */
class SnowflakeQueryTest {

    private static SnowflakeSandbox snowflake;

    @BeforeAll
    static void start() {
        snowflake = SnowflakeSandbox.builder().accountName("QUERYTEST").adminUser("ADMIN").adminPassword("admin").build().start();
        for (String sql : List.of("CREATE DATABASE RAW", "CREATE SCHEMA RAW.ERP", "CREATE TABLE RAW.ERP.CUSTOMERS (ID NUMBER, NAME VARCHAR)",
                "INSERT INTO RAW.ERP.CUSTOMERS VALUES (1, 'Acme'), (2, 'Globex')", "CREATE ROLE READER",
                "GRANT USAGE ON DATABASE RAW TO ROLE READER", "GRANT USAGE ON SCHEMA RAW.ERP TO ROLE READER",
                "CREATE USER ADA PASSWORD = 'ada-password'", "GRANT ROLE READER TO USER ADA")) {
            snowflake.executeAsAdmin(sql);
        }
    }

    @AfterAll
    static void stop() {
        snowflake.close();
    }

    @Test
    void printsTheRowsTheRoleReadsThenSnowflakesRefusalOnceTheGrantIsGone() {
        snowflake.executeAsAdmin("GRANT SELECT ON TABLE RAW.ERP.CUSTOMERS TO ROLE READER");
        Run read = query("ada-password", "READER", "SELECT ID, NAME FROM RAW.ERP.CUSTOMERS");
        assertThat(read.exit()).isZero();
        assertThat(read.output()).isEqualTo("ID | NAME\n1 | Acme\n2 | Globex\n(2 rows)\n");

        snowflake.executeAsAdmin("REVOKE SELECT ON TABLE RAW.ERP.CUSTOMERS FROM ROLE READER");
        Run refused = query("ada-password", "READER", "SELECT ID, NAME FROM RAW.ERP.CUSTOMERS");
        assertThat(refused.exit()).isEqualTo(SnowflakeQuery.REFUSED);
        assertThat(refused.output()).startsWith("refused: SQL error 2003 ").contains("does not exist or not authorized")
                .hasLineCount(1);
    }

    @Test
    void aWrongPasswordOpensNoSession() {
        Run run = query("not-her-password", "-", "SELECT 1");
        assertThat(run.exit()).isEqualTo(SnowflakeQuery.NO_SESSION);
        assertThat(run.output()).startsWith("no session for ADA: SQL error 390100");
    }

    @Test
    void withoutAPasswordItOnlyExplainsItsUsage() {
        Run run = run(new String[] {snowflake.jdbcUrl(), "ADA", "-", "SELECT 1"}, null);
        assertThat(run.exit()).isEqualTo(SnowflakeQuery.NO_SESSION);
        assertThat(run.output()).startsWith("usage: SNOWFLAKE_PASSWORD=");
    }

    private static Run query(String password, String role, String sql) {
        return run(new String[] {snowflake.jdbcUrl(), "ADA", role, sql}, password);
    }

    private static Run run(String[] args, String password) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit = SnowflakeQuery.run(args, password, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return new Run(exit, buffer.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    private record Run(int exit, String output) {
    }
}
