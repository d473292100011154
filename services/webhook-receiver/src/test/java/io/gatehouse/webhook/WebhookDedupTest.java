package io.gatehouse.webhook;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.events.Topics;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** HTTP + real broker: a redelivered webhook publishes once; event types are translated or accepted and counted. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class WebhookDedupTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    MeterRegistry registry;

    @Test
    void replayedDeliveryPublishesOnce() {
        String connection = SignedWebhooks.connectionId();
        String body = SignedWebhooks.syncEnd(connection, "SUCCESSFUL");

        SignedWebhooks.postSigned(body).statusCode(200).body("outcome", equalTo("published"));
        SignedWebhooks.postSigned(body).statusCode(200).body("outcome", equalTo("duplicate"));

        Topic.await(companion, Topics.FIVETRAN, connection);
        assertThat(Topic.events(companion, Topics.FIVETRAN, connection)).hasSize(1);
    }

    @Test
    void concurrentTwinDeliveriesPublishOnce() {
        String connection = SignedWebhooks.connectionId();
        String body = SignedWebhooks.syncEnd(connection, "SUCCESSFUL");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<String>> answers = IntStream.range(0, 6)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> SignedWebhooks.postSigned(body)
                            .statusCode(200).extract().path("outcome").toString(), pool))
                    .toList();
            List<String> outcomes = answers.stream().map(CompletableFuture::join).toList();
            assertThat(outcomes).containsOnlyOnce("published").containsOnly("published", "duplicate");
        } finally {
            pool.shutdownNow();
        }
        Topic.await(companion, Topics.FIVETRAN, connection);
        assertThat(Topic.events(companion, Topics.FIVETRAN, connection)).hasSize(1);
    }

    @Test
    void failedSyncCarriesItsReason() {
        String connection = SignedWebhooks.connectionId();
        SignedWebhooks.postSigned(SignedWebhooks.event("sync_end", connection,
                "{\"status\":\"FAILURE_WITH_TASK\",\"reason\":\"Grant SELECT on orders\",\"taskType\":\"permission\"}"))
                .statusCode(200);

        ConsumerRecord<String, String> record = Topic.await(companion, Topics.FIVETRAN, connection);
        assertThat(Topic.type(record)).isEqualTo("gatehouse.SyncCompleted.v1");
        assertThat(Topic.body(record).path("status").asText()).isEqualTo("FAILED");
        assertThat(Topic.body(record).path("reason").asText()).isEqualTo("Grant SELECT on orders");
    }

    @Test
    void connectionFailureBecomesConnectorBroken() {
        String connection = SignedWebhooks.connectionId();
        SignedWebhooks.postSigned(SignedWebhooks.event("connection_failure", connection,
                "{\"reason\":\"Cannot connect to host\"}")).statusCode(200).body("outcome", equalTo("published"));

        ConsumerRecord<String, String> record = Topic.await(companion, Topics.FIVETRAN, connection);
        assertThat(Topic.type(record)).isEqualTo("gatehouse.ConnectorBroken.v1");
        assertThat(Topic.body(record).path("fivetranEvent").asText()).isEqualTo("connection_failure");
        assertThat(Topic.body(record).path("reason").asText()).isEqualTo("Cannot connect to host");
    }

    @Test
    void connectionSuccessfulBecomesConnectorHealthy() {
        String connection = SignedWebhooks.connectionId();
        SignedWebhooks.postSigned(SignedWebhooks.event("connection_successful", connection, "{}"))
                .statusCode(200).body("outcome", equalTo("published"));

        ConsumerRecord<String, String> record = Topic.await(companion, Topics.FIVETRAN, connection);
        assertThat(Topic.type(record)).isEqualTo("gatehouse.ConnectorHealthy.v1");
        assertThat(Topic.body(record).path("connectionId").asText()).isEqualTo(connection);
        assertThat(Topic.body(record).path("groupId").asText()).isEqualTo("gatehouse_group");
        assertThat(Topic.body(record).path("fivetranEvent").asText()).isEqualTo("connection_successful");
        assertThat(Topic.events(companion, Topics.FIVETRAN, connection)).hasSize(1);
    }

    @Test
    void otherEventsAreAcceptedCountedAndNotPublished() {
        String connection = SignedWebhooks.connectionId();
        double syncStarts = count("sync_start", "ignored");
        double rescheduled = count("sync_end", "ignored");
        double unknown = count("other", "ignored");

        SignedWebhooks.postSigned(SignedWebhooks.event("sync_start", connection, "{}"))
                .statusCode(200).body("outcome", equalTo("ignored"));
        SignedWebhooks.postSigned(SignedWebhooks.syncEnd(connection, "RESCHEDULED"))
                .statusCode(200).body("outcome", equalTo("ignored"));
        SignedWebhooks.postSigned(SignedWebhooks.event("brand_new_event", connection, "{}"))
                .statusCode(200).body("outcome", equalTo("ignored"));

        assertThat(count("sync_start", "ignored")).isEqualTo(syncStarts + 1);
        assertThat(count("sync_end", "ignored")).isEqualTo(rescheduled + 1);
        assertThat(count("other", "ignored")).isEqualTo(unknown + 1);
        assertNothingPublishedFor(connection);
    }

    @Test
    void fivetranTestDeliveryIsAcceptedAndNotPublished() {
        SignedWebhooks.postSigned(SignedWebhooks.syncEnd("_connection_1", "SUCCESSFUL"))
                .statusCode(200).body("outcome", equalTo("test"));

        assertNothingPublishedFor("_connection_1");
    }

    @Test
    void signedButUnreadableBodyIsA400AndPublishesNothing() {
        String connection = SignedWebhooks.connectionId();
        SignedWebhooks.postSigned("{\"event\": ").statusCode(400).contentType("application/problem+json");
        SignedWebhooks.postSigned("{\"event\":\"sync_end\",\"connector_id\":\"" + connection + "\"}").statusCode(400);

        assertNothingPublishedFor(connection);
    }

    private void assertNothingPublishedFor(String connection) {
        String marker = SignedWebhooks.connectionId();
        SignedWebhooks.postSigned(SignedWebhooks.syncEnd(marker, "SUCCESSFUL")).statusCode(200);
        Topic.await(companion, Topics.FIVETRAN, marker);
        assertThat(Topic.events(companion, Topics.FIVETRAN, connection)).isEmpty();
    }

    private double count(String event, String outcome) {
        return registry.find("gatehouse.webhook.deliveries").tag("event", event).tag("outcome", outcome).counters()
                .stream().mapToDouble(c -> c.count()).sum();
    }
}
