package io.gatehouse.webhook;

import io.gatehouse.fivetran.sandbox.FivetranSandbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;

/** Starts the Fivetran sandbox on a free port and points the service's Fivetran client at it, with fast retries. */
public class FivetranSandboxResource implements QuarkusTestResourceLifecycleManager {

    public static final String GROUP = "gatehouse_group";
    public static final String CREDENTIAL = "right-password";
    static final String API_KEY = "webhook-receiver-key";
    static final String API_SECRET = "webhook-receiver-api-secret";

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
                .upperCaseSignatures(true)
                .start();
        return Map.of(
                "gatehouse.fivetran.base-url", sandbox.baseUrl(),
                "gatehouse.fivetran.api-key", API_KEY,
                "gatehouse.fivetran.api-secret", API_SECRET,
                "gatehouse.fivetran.read-timeout", "2s",
                "gatehouse.fivetran.connect-timeout", "1s",
                "gatehouse.fivetran.retry.max-attempts", "2",
                "gatehouse.fivetran.retry.initial-backoff", "50ms",
                "gatehouse.fivetran.retry.max-backoff", "200ms");
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            sandbox.stop();
        }
    }
}
