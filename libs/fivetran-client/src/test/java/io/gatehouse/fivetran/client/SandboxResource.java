package io.gatehouse.fivetran.client;

import io.gatehouse.fivetran.sandbox.FivetranSandbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;

/** Starts the Fivetran sandbox on a random port and points the client at it, with fast retries and a short read timeout. */
public class SandboxResource implements QuarkusTestResourceLifecycleManager {
    static final String GROUP = "gatehouse_group";
    static final String API_SECRET = "s3cr3t-api-secret-value";
    static final String CREDENTIAL = "right-password";

    private static FivetranSandbox sandbox;

    static FivetranSandbox sandbox() { return sandbox; }

    @Override
    public Map<String, String> start() {
        sandbox = FivetranSandbox.builder()
                .apiKey("gatehouse-key")
                .apiSecret(API_SECRET)
                .group(GROUP)
                .acceptedCredential(CREDENTIAL)
                .syncDuration(Duration.ofMillis(200))
                .start();
        return Map.of(
                "gatehouse.fivetran.base-url", sandbox.baseUrl(),
                "gatehouse.fivetran.api-key", "gatehouse-key",
                "gatehouse.fivetran.api-secret", API_SECRET,
                "gatehouse.fivetran.read-timeout", "1s",
                "gatehouse.fivetran.connect-timeout", "1s",
                "gatehouse.fivetran.retry.max-attempts", "3",
                "gatehouse.fivetran.retry.initial-backoff", "50ms",
                "gatehouse.fivetran.retry.max-backoff", "200ms",
                "gatehouse.fivetran.retry.max-retry-after", "3s");
    }

    @Override
    public void stop() {
        if (sandbox != null) sandbox.stop();
    }
}
