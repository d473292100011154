package io.gatehouse.grant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Plain JUnit on SmallRye Config with the service's own application.properties in the prod profile and the
 * interceptors found as Quarkus finds them (ServiceLoader): a key file makes the datasource log in with a key pair
 * and the password unnecessary; without one the password stays required.
 */
class SnowflakeKeyPairSettingsTest {

    @Test
    void aKeyFileGivesTheDriversKeyPairPropertiesAndNeedsNoPassword() throws Exception {
        SmallRyeConfig config = prod(Map.of("GATEHOUSE_SNOWFLAKE_PRIVATE_KEY_FILE", "/run/secrets/gatehouse.p8"));

        assertThat(config.getValue(SnowflakeKeyPairSettings.AUTHENTICATOR, String.class)).isEqualTo("SNOWFLAKE_JWT");
        assertThat(config.getValue(SnowflakeKeyPairSettings.PRIVATE_KEY_FILE, String.class))
                .isEqualTo("/run/secrets/gatehouse.p8");
        assertThat(config.getOptionalValue(SnowflakeKeyPairSettings.PRIVATE_KEY_PWD, String.class)).isEmpty();
        assertThat(config.getOptionalValue(SnowflakeKeyPairSettings.PASSWORD, String.class)).isEmpty();
        assertThat(names(config)).contains(SnowflakeKeyPairSettings.AUTHENTICATOR,
                SnowflakeKeyPairSettings.PRIVATE_KEY_FILE).doesNotContain(SnowflakeKeyPairSettings.PRIVATE_KEY_PWD);
        // the datasource's other driver properties are untouched
        assertThat(config.getValue("quarkus.datasource.snowflake.jdbc.additional-jdbc-properties.disablePlatformDetection",
                String.class)).isEqualTo("true");
    }

    @Test
    void anEncryptedKeyFileGetsItsPasswordAndAPasswordGivenAsWellIsNotSent() throws Exception {
        SmallRyeConfig config = prod(Map.of("GATEHOUSE_SNOWFLAKE_PRIVATE_KEY_FILE", "/run/secrets/gatehouse.p8",
                "GATEHOUSE_SNOWFLAKE_PRIVATE_KEY_PASSWORD", "key-secret",
                "GATEHOUSE_SNOWFLAKE_PASSWORD", "old-password"));

        assertThat(config.getValue(SnowflakeKeyPairSettings.PRIVATE_KEY_PWD, String.class)).isEqualTo("key-secret");
        assertThat(names(config)).contains(SnowflakeKeyPairSettings.PRIVATE_KEY_PWD);
        assertThat(config.getOptionalValue(SnowflakeKeyPairSettings.PASSWORD, String.class)).isEmpty();
    }

    @Test
    void withoutAKeyFileThePasswordIsRequiredAndNoKeyPairPropertyExists() throws Exception {
        assertThatThrownBy(() -> prod(Map.of()).getValue(SnowflakeKeyPairSettings.PASSWORD, String.class))
                // outside a running application the refusal is SmallRye's, naming both alternatives; the running service's
                // message is RequiredSettings' ("none of ... is set"), tested in libs/messaging
                .hasMessageContaining("GATEHOUSE_SNOWFLAKE_PRIVATE_KEY_FILE|GATEHOUSE_SNOWFLAKE_PASSWORD");
        SmallRyeConfig config = prod(Map.of("GATEHOUSE_SNOWFLAKE_PASSWORD", "pw"));
        assertThat(config.getValue(SnowflakeKeyPairSettings.PASSWORD, String.class)).isEqualTo("pw");
        assertThat(config.getOptionalValue(SnowflakeKeyPairSettings.AUTHENTICATOR, String.class)).isEmpty();
        assertThat(names(config)).doesNotContain(SnowflakeKeyPairSettings.AUTHENTICATOR,
                SnowflakeKeyPairSettings.PRIVATE_KEY_FILE);
    }

    @Test
    void aBlankKeyFileCountsAsNone() throws Exception {
        SmallRyeConfig config = prod(Map.of("GATEHOUSE_SNOWFLAKE_PRIVATE_KEY_FILE", " ", "GATEHOUSE_SNOWFLAKE_PASSWORD", "pw"));
        assertThat(config.getValue(SnowflakeKeyPairSettings.PASSWORD, String.class)).isEqualTo("pw");
        assertThat(config.getOptionalValue(SnowflakeKeyPairSettings.AUTHENTICATOR, String.class)).isEqualTo(Optional.empty());
    }

    private static SmallRyeConfig prod(Map<String, String> env) throws Exception {
        return new SmallRyeConfigBuilder().withProfile("prod").addDiscoveredInterceptors()
                .withSources(new PropertiesConfigSource(
                        SnowflakeKeyPairSettings.class.getClassLoader().getResource("application.properties"), 250))
                .withSources(new EnvConfigSource(env, 300))
                .build();
    }

    private static java.util.List<String> names(SmallRyeConfig config) {
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false).toList();
    }
}
