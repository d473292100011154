package io.gatehouse.fivetran.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.fivetran.sandbox.webhook.WebhookDelivery;
import io.gatehouse.fivetran.sandbox.webhook.WebhookSignature;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncWebhookTest extends SandboxTestBase {

    @BeforeAll
    static void startSandbox() throws Exception {
        start(quickSyncs());
    }

    @BeforeEach
    void registerWebhook() {
        ApiCaller.Reply hook = api.post("/v1/webhooks/group/g1", """
                {"url":"%s","events":["sync_start","sync_end"],"active":true,"secret":"hook-secret"}""".formatted(receiver.url("/webhooks/fivetran")));
        assertThat(hook.status()).isEqualTo(200);
        assertThat(hook.data().path("secret").asText()).isEqualTo("******");
    }

    private String connectAndUnpause(String schema) {
        String id = completedCardConnection(schema);
        assertThat(receiver.received).as("no sync while paused").isEmpty();
        assertThat(api.patch("/v1/connections/" + id, "{\"paused\":false}").data().path("status").path("sync_state").asText())
                .isEqualTo("syncing");
        return id;
    }

    @Test
    void unpausingSyncsAndSendsSignedWebhooks() throws Exception {
        String id = connectAndUnpause("pg_sync");
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() >= 2);

        List<JsonNode> events = receiver.received.stream().map(r -> read(r.body())).toList();
        assertThat(events).extracting(e -> e.path("event").asText()).containsExactly("sync_start", "sync_end");
        JsonNode end = events.get(1);
        assertThat(end.path("connector_id").asText()).isEqualTo(id);
        assertThat(end.path("destination_group_id").asText()).isEqualTo("g1");
        assertThat(end.path("data").path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(end.path("sync_id").asText()).isEqualTo(events.get(0).path("sync_id").asText());

        for (Receiver.Received r : receiver.received) {
            assertThat(WebhookSignature.verify("hook-secret", r.body(), r.signature())).isTrue();
            assertThat(WebhookSignature.verify("another-secret", r.body(), r.signature())).isFalse();
            assertThat(r.signature()).matches("[0-9a-f]{64}");
        }

        JsonNode details = api.get("/v1/connections/" + id).data();
        assertThat(details.path("status").path("sync_state").asText()).isEqualTo("scheduled");
        assertThat(details.path("succeeded_at").isNull()).isFalse();
        JsonNode schemas = api.get("/v1/connections/" + id + "/schemas").data().path("schemas");
        assertThat(schemas.path("public").path("tables").path("accounts").path("enabled").asBoolean()).isTrue();
        assertThat(schemas.path("public").path("name_in_destination").asText()).isEqualTo("pg_sync_public");
    }

    @Test
    void aFailedSyncReportsFailed() {
        sandbox.failNextSyncs(1);
        String id = connectAndUnpause("pg_fail");
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() >= 2);
        assertThat(read(receiver.received.get(1).body()).path("data").path("status").asText()).isEqualTo("FAILED");
        assertThat(api.get("/v1/connections/" + id + "/schemas").status()).isEqualTo(404);
        assertThat(api.get("/v1/connections/" + id).data().path("failed_at").isNull()).isFalse();
    }

    @Test
    void failedDeliveriesAreRetriedWithGrowingWaits() {
        receiver.failuresLeft.set(2);
        connectAndUnpause("pg_retry");
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.webhookDeliveries().stream()
                .filter(WebhookDelivery::delivered).map(WebhookDelivery::event).distinct().count() == 2);
        List<WebhookDelivery> all = sandbox.webhookDeliveries();
        assertThat(all.stream().filter(d -> !d.delivered()).count()).isEqualTo(2);
        assertThat(all.stream().filter(WebhookDelivery::delivered).map(WebhookDelivery::event).distinct())
                .containsExactlyInAnyOrder("sync_start", "sync_end");
        List<WebhookDelivery> starts = all.stream().filter(d -> d.event().equals("sync_start")).toList();
        assertThat(starts).extracting(WebhookDelivery::attempt, WebhookDelivery::status)
                .containsExactly(tuple(1, 500), tuple(2, 500), tuple(3, 200));
        // Fivetran's rule, scaled: each wait is the previous one plus the increment (100 ms here).
        assertThat(Duration.between(starts.get(0).at(), starts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(90));
        assertThat(Duration.between(starts.get(1).at(), starts.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(starts).extracting(WebhookDelivery::body).containsOnly(starts.get(0).body());
    }

    @Test
    void manualSyncRunsOnAConnectedConnection() {
        String id = connectAndUnpause("pg_manual");
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() >= 2);
        assertThat(api.post("/v1/connectors/" + id + "/force", "{}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() >= 4);
    }

    private static JsonNode read(byte[] body) {
        try {
            return ApiCaller.JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
