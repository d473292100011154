package io.gatehouse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.process.ServiceDatabases;
import io.gatehouse.testing.process.ServiceProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged services in their production profile refuse to start without the settings that have no safe default,
 * naming the setting, instead of quietly running on an embedded database of their own (split brain with two
 * instances) or a Snowflake on 127.0.0.1.
 */
class ProductionSettingsIT {

    private static final Map<String, String> BROKER_AND_IDP = ServiceProcess.baseEnv("127.0.0.1:1");

    @ParameterizedTest
    @ValueSource(strings = {"onboarding-service", "identity-bridge"})
    void noDatabaseUrlMeansNoStart(String service) throws Exception {
        assertRefused(service, BROKER_AND_IDP, "GATEHOUSE_DB_URL is not set");
    }

    @Test
    void noSnowflakeUrlMeansNoStart() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(BROKER_AND_IDP);
        env.put("GATEHOUSE_SNOWFLAKE_PASSWORD", "unused");
        try (ServiceDatabases databases = new ServiceDatabases()) {
            env.putAll(databases.env("e2e_production_settings"));
            assertRefused("grant-service", env, "GATEHOUSE_SNOWFLAKE_URL is not set");
        }
    }

    @Test
    void neitherASnowflakeKeyFileNorAPasswordMeansNoStart() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(BROKER_AND_IDP);
        env.put("GATEHOUSE_SNOWFLAKE_URL", "jdbc:snowflake://127.0.0.1:1/?account=UNUSED");
        try (ServiceDatabases databases = new ServiceDatabases()) {
            env.putAll(databases.env("e2e_production_settings"));
            assertRefused("grant-service", env,
                    "none of GATEHOUSE_SNOWFLAKE_PRIVATE_KEY_FILE, GATEHOUSE_SNOWFLAKE_PASSWORD is set");
        }
    }

    private static void assertRefused(String name, Map<String, String> env, String message) throws Exception {
        try (ServiceProcess service = ServiceProcess.start(name, SystemUnderTest.freePort(), env)) {
            assertThat(service.awaitExit(Duration.ofSeconds(90))).isNotZero();
            assertThat(service.tail()).contains(message);
        }
    }
}
