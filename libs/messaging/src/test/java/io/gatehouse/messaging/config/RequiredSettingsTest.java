package io.gatehouse.messaging.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plain JUnit on SmallRye Config (no Quarkus): the library's real defaults in the prod profile, with the interceptor found
 * the way Quarkus finds it (ServiceLoader). No database URL means no start, unless the embedded mode is asked for.
 */
class RequiredSettingsTest {

    private static final String URL_KEY = "quarkus.datasource.jdbc.url";

    @Test
    void prodWithoutDatabaseUrlRefusesNamingTheSetting() throws Exception {
        SmallRyeConfig config = prod(Map.of());

        assertThatThrownBy(() -> config.getValue(URL_KEY, String.class))
                .hasMessageContaining("GATEHOUSE_DB_URL is not set")
                .hasMessageContaining("GATEHOUSE_DB_EMBEDDED=true");
    }

    @Test
    void prodTakesTheDatabaseUrlGiven() throws Exception {
        assertThat(prod(Map.of("GATEHOUSE_DB_URL", "jdbc:postgresql://db:5432/onboarding")).getValue(URL_KEY, String.class))
                .isEqualTo("jdbc:postgresql://db:5432/onboarding");
        assertThat(prod(Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db:5432/other")).getValue(URL_KEY, String.class))
                .isEqualTo("jdbc:postgresql://db:5432/other");
    }

    @Test
    void embeddedModeIsTheH2FileOnlyWhenAskedFor() throws Exception {
        assertThat(prod(Map.of("GATEHOUSE_DB_EMBEDDED", "true")).getValue(URL_KEY, String.class))
                .isEqualTo("jdbc:h2:file:./deploy/local/data/db/onboarding-service;MODE=PostgreSQL;AUTO_SERVER=FALSE");
        assertThatThrownBy(() -> prod(Map.of("GATEHOUSE_DB_EMBEDDED", "false")).getValue(URL_KEY, String.class))
                .hasMessageContaining("GATEHOUSE_DB_URL is not set");
    }

    @Test
    void requiredSettingWithoutValueIsRefusedByName() throws Exception {
        Map<String, String> app = Map.of("%prod.gatehouse.test.remote-url",
                "${GATEHOUSE_TEST_REMOTE_URL:${gatehouse.required.GATEHOUSE_TEST_REMOTE_URL}}");
        assertThatThrownBy(() -> prod(Map.of(), app).getValue("gatehouse.test.remote-url", String.class))
                .hasMessageContaining("GATEHOUSE_TEST_REMOTE_URL is not set");
        assertThat(prod(Map.of("GATEHOUSE_TEST_REMOTE_URL", "jdbc:snowflake://acme.snowflakecomputing.com"), app)
                .getValue("gatehouse.test.remote-url", String.class)).isEqualTo("jdbc:snowflake://acme.snowflakecomputing.com");
    }

    /** quarkus:build reads runtime settings in the prod profile (the Kubernetes manifests): the build never refuses. */
    @Test
    void alternativesWithoutAValueAreRefusedNamingEach() throws Exception {
        Map<String, String> app = Map.of("%prod.gatehouse.test.secret",
                "${GATEHOUSE_TEST_PASSWORD:${gatehouse.required.GATEHOUSE_TEST_KEY_FILE|GATEHOUSE_TEST_PASSWORD}}");
        assertThatThrownBy(() -> prod(Map.of(), app).getValue("gatehouse.test.secret", String.class))
                .hasMessageContaining("none of GATEHOUSE_TEST_KEY_FILE, GATEHOUSE_TEST_PASSWORD is set");
        assertThat(prod(Map.of("GATEHOUSE_TEST_PASSWORD", "pw"), app).getValue("gatehouse.test.secret", String.class))
                .isEqualTo("pw");
    }

    @Test
    void aBuildIsNotRefused() throws Exception {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile("prod").addDiscoveredInterceptors()
                .withSources(libraryDefaults(), application(Map.of())).build();
        assertThat(config.getValue(URL_KEY, String.class)).startsWith("jdbc:h2:file:");
    }

    @Test
    void otherProfilesKeepTheirDefaults() throws Exception {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile("test").addDiscoveredInterceptors()
                .withSources(libraryDefaults(), application(Map.of())).build();
        assertThat(config.getValue(URL_KEY, String.class)).startsWith("jdbc:h2:mem:onboarding-service");
    }

    private static SmallRyeConfig prod(Map<String, String> env) throws Exception {
        return prod(env, Map.of());
    }

    private static SmallRyeConfig prod(Map<String, String> env, Map<String, String> app) throws Exception {
        return new SmallRyeConfigBuilder().withProfile("prod").withInterceptors(new RequiredSettings(true))
                .withSources(libraryDefaults(), application(app), new EnvConfigSource(env, 300))
                .build();
    }

    /** The library's own defaults file, as shipped (not another library's file of the same name). */
    private static PropertiesConfigSource libraryDefaults() throws Exception {
        URL classes = RequiredSettings.class.getProtectionDomain().getCodeSource().getLocation();
        return new PropertiesConfigSource(new URL(classes, "META-INF/microprofile-config.properties"), 100);
    }

    private static PropertiesConfigSource application(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        properties.put("quarkus.application.name", "onboarding-service");
        return new PropertiesConfigSource(properties, "application.properties", 250);
    }
}
