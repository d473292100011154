package io.gatehouse.connector.it;

import io.gatehouse.fivetran.sandbox.FivetranSandbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;

/** Starts the Fivetran sandbox on a free port and points gatehouse.fivetran.* at it. */
public class SandboxResource implements QuarkusTestResourceLifecycleManager {

    static final String GROUP = "warehouse_group";
    static final String CREDENTIAL = "right-password";
    private static final String API_KEY = "connector-test-key";
    private static final String API_SECRET = "connector-test-secret";

    private static FivetranSandbox sandbox;

    static FivetranSandbox sandbox() {
        return sandbox;
    }

    static String apiKey() {
        return API_KEY;
    }

    static String apiSecret() {
        return API_SECRET;
    }

    @Override
    public Map<String, String> start() {
        sandbox = FivetranSandbox.builder()
                .apiKey(API_KEY)
                .apiSecret(API_SECRET)
                .group(GROUP)
                .acceptedCredential(CREDENTIAL)
                .syncDuration(Duration.ofMillis(200))
                .start();
        return Map.of(
                "gatehouse.fivetran.base-url", sandbox.baseUrl(),
                "gatehouse.fivetran.api-key", API_KEY,
                "gatehouse.fivetran.api-secret", API_SECRET,
                "gatehouse.fivetran.read-timeout", "2s",
                "gatehouse.fivetran.connect-timeout", "1s");
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            sandbox.stop();
        }
    }
}
