package io.gatehouse.fivetran.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One sandbox per test class (started by the subclass's {@code @BeforeAll} through {@link #start}), a raw API caller
 * for it and a local receiver for its webhooks and redirects; all reset before each test and stopped after the class.
 */
abstract class SandboxTestBase {

    static FivetranSandbox sandbox;
    static ApiCaller api;
    static Receiver receiver;

    static void start(SandboxSettings.Builder settings) throws IOException {
        sandbox = settings.start();
        api = new ApiCaller(sandbox);
        receiver = new Receiver();
    }

    /** Group g1, syncs of 200 ms, failed webhooks retried 100 ms (and then more) later. */
    static SandboxSettings.Builder quickSyncs() {
        return FivetranSandbox.builder().group("g1").syncDuration(Duration.ofMillis(200))
                .webhookRetryIncrement(Duration.ofMillis(100));
    }

    /** A clean sandbox (no connections, webhooks, faults) and receiver before each test; runs before the subclass's own. */
    @BeforeEach
    void resetSandbox() {
        sandbox.reset();
        receiver.received.clear();
        receiver.failuresLeft.set(0);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.stop();
        receiver.close();
    }

    /** A postgres_rds connection in g1 whose Connect Card was completed with the accepted credential; still paused. */
    static String completedCardConnection(String schema) {
        JsonNode created = api.createCardConnection("g1", "postgres_rds", schema, "https://gatehouse.example/r");
        sandbox.completeConnectCard(created.path("connect_card").path("uri").asText(), sandbox.settings().acceptedCredential());
        return created.path("id").asText();
    }
}
