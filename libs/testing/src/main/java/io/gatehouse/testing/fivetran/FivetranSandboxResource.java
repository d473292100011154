package io.gatehouse.testing.fivetran;

import io.gatehouse.fivetran.sandbox.FivetranSandbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;

/**
 * Starts the Fivetran sandbox on a free port and points {@code gatehouse.fivetran.*} at it. Timeouts and
 * retry settings stay in each module's test configuration, so each can make its own failures fast.
 */
public class FivetranSandboxResource implements QuarkusTestResourceLifecycleManager {

    /** The one destination group the sandbox knows. */
    public static final String GROUP = "gatehouse_group";
    /** The credential the sandbox's setup test accepts on the Connect Card. */
    public static final String CREDENTIAL = "right-password";
    public static final String API_KEY = "gatehouse-test-key";
    public static final String API_SECRET = "s3cr3t-api-secret-value";

    private static FivetranSandbox sandbox;

    public static FivetranSandbox sandbox() {
        return sandbox;
    }

    @Override
    public Map<String, String> start() {
        sandbox = FivetranSandbox.builder()
                .apiKey(API_KEY)
                .apiSecret(API_SECRET)
                .group(GROUP)
                .acceptedCredential(CREDENTIAL)
                .syncDuration(Duration.ofMillis(200))
                .webhookRetryIncrement(Duration.ofMillis(100))
                .start();
        return Map.of(
                "gatehouse.fivetran.base-url", sandbox.baseUrl(),
                "gatehouse.fivetran.api-key", API_KEY,
                "gatehouse.fivetran.api-secret", API_SECRET);
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            sandbox.stop();
        }
    }
}
