package io.gatehouse.grant.it;

import io.gatehouse.testing.faults.FaultProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Puts a {@link FaultProxy} between the service and the Snowflake sandbox, so a test can take Snowflake away for real
 * (refuse, cut, delay) while the sandbox keeps its state. Also small apply chunks, a low attempt limit with quick
 * back-off and short driver timeouts, so a fault outlasts several attempts in seconds. Settings are {@code %test.} keys,
 * which outrank the service's own test profile. The test helpers ({@link Snowflake}) still reach the sandbox directly.
 */
public class SnowflakeFaultResource implements QuarkusTestResourceLifecycleManager {

    static final int CHUNK_SIZE = 20;
    static final int MAX_ATTEMPTS = 3;
    private static volatile FaultProxy proxy;

    /** The proxy of the running test application. */
    static FaultProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        proxy = FaultProxy.to("127.0.0.1", SnowflakeSandboxResource.PORT);
        String jdbc = "%test.quarkus.datasource.snowflake.jdbc.";
        return Map.of(
                jdbc + "url", "jdbc:snowflake://" + proxy.address() + "/?ssl=off&account=" + SnowflakeSandboxResource.ACCOUNT,
                jdbc + "additional-jdbc-properties.loginTimeout", "3",
                jdbc + "acquisition-timeout", "5S",
                "%test.gatehouse.grant.apply.chunk-size", String.valueOf(CHUNK_SIZE),
                "%test.gatehouse.grant.apply.max-attempts", String.valueOf(MAX_ATTEMPTS),
                "%test.gatehouse.grant.apply.backoff-base", "100ms",
                "%test.gatehouse.grant.apply.backoff-max", "500ms");
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
