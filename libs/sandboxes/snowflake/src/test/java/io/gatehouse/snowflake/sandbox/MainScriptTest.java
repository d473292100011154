package io.gatehouse.snowflake.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Plain unit test: the local run's setup script is split into statements the way an operator wrote them. */
class MainScriptTest {

    @Test
    void splitsOnSemicolonsAtLineEndsAndSkipsComments() {
        String script = """
                -- the service role
                CREATE ROLE IF NOT EXISTS GATEHOUSE_ADMIN;
                GRANT CREATE ROLE, MANAGE GRANTS
                  ON ACCOUNT TO ROLE GATEHOUSE_ADMIN;

                CREATE USER "a;b" PASSWORD = 'x'
                """;
        assertThat(Main.statements(script)).containsExactly(
                "CREATE ROLE IF NOT EXISTS GATEHOUSE_ADMIN",
                "GRANT CREATE ROLE, MANAGE GRANTS ON ACCOUNT TO ROLE GATEHOUSE_ADMIN",
                "CREATE USER \"a;b\" PASSWORD = 'x'");
    }
}
