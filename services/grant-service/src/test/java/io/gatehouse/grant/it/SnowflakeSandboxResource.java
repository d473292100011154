package io.gatehouse.grant.it;

import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the Snowflake sandbox for the service, with the one-time setup the README describes: the least-privilege
 * service role GATEHOUSE_ADMIN (CREATE ROLE + MANAGE GRANTS on the account, granted to SYSADMIN) and its user,
 * and a database for shared schemas; also a key-only service user with the same role ({@link ServiceKeys}). Returns the snowflake datasource settings.
 */
public class SnowflakeSandboxResource implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE_USER = "GATEHOUSE_SVC";
    public static final String SERVICE_ROLE = "GATEHOUSE_ADMIN";
    public static final String SERVICE_PASSWORD = "svc-secret";
    static final String ACCOUNT = "GHTEST";
    /**
     * The sandbox's port, fixed for the test JVM: {@link SnowflakeFaultResource} puts its proxy in front of it, and test
     * resources start in no promised order.
     */
    static final int PORT = freePort();
    static volatile SnowflakeSandbox sandbox;

    private static int freePort() {
        try {
            return io.gatehouse.testing.net.FreePorts.pick();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        sandbox = SnowflakeSandbox.builder().port(PORT).accountName(ACCOUNT).adminPassword("admin-secret").build().start();
        sandbox.provisionServiceUser(SERVICE_ROLE, SERVICE_USER, SERVICE_PASSWORD, "LAB");
        for (String sql : ServiceKeys.provisioning(SERVICE_ROLE)) {
            sandbox.executeAsAdmin(sql);
        }
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "quarkus.datasource.snowflake.jdbc.url", sandbox.jdbcUrl(),
                "quarkus.datasource.snowflake.username", SERVICE_USER,
                "quarkus.datasource.snowflake.password", SERVICE_PASSWORD,
                "quarkus.datasource.snowflake.jdbc.additional-jdbc-properties.networkTimeout", "3000"));
        return config;
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            sandbox.stop();
        }
    }
}
