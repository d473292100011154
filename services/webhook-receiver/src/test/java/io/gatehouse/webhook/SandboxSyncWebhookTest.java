package io.gatehouse.webhook;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.events.Topics;
import io.gatehouse.fivetran.client.FivetranClient;
import io.gatehouse.fivetran.client.model.Connection;
import io.gatehouse.fivetran.client.model.CreateConnection;
import io.gatehouse.fivetran.sandbox.webhook.WebhookDelivery;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * HTTP + real broker + Fivetran sandbox: a real (simulated) sync of a connected connection reaches this service
 * as signed webhooks and becomes exactly one SyncCompleted, although the sandbox delivers it more than once.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class SandboxSyncWebhookTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    FivetranClient fivetran;
    @TestHTTPResource("/webhooks/fivetran")
    URL endpoint;

    @Test
    void unpausedConnectionSyncsAndPublishesOneSyncCompleted() {
        String group = "sync_group_" + UUID.randomUUID().toString().substring(0, 8);
        FivetranSandboxResource.sandbox().addGroup(group);
        // Registered twice (as a careless operator might): the sandbox sends every event to both, same bytes.
        fivetran.createGroupWebhook(group, endpoint.toString(), SignedWebhooks.SECRET, List.of("sync_start", "sync_end"));
        fivetran.createGroupWebhook(group, endpoint.toString(), SignedWebhooks.SECRET, List.of("sync_end"));
        Connection created = fivetran.createConnection(
                CreateConnection.forConnectCard(group, "postgres_rds", "pg_sync", "https://gatehouse.example/return"));
        FivetranSandboxResource.sandbox().completeConnectCard(created.connectCard().uri(), FivetranSandboxResource.CREDENTIAL);
        assertThat(fivetran.connection(created.id()).connected()).isTrue();

        fivetran.unpause(created.id());

        ConsumerRecord<String, String> record = Topic.await(companion, Topics.FIVETRAN, created.id());
        assertThat(Topic.type(record)).isEqualTo("gatehouse.SyncCompleted.v1");
        assertThat(Topic.body(record).path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(Topic.body(record).path("groupId").asText()).isEqualTo(group);
        await().atMost(Topic.WAIT).until(() -> syncEnds(created.id()).size() == 2);
        assertThat(syncEnds(created.id())).allMatch(WebhookDelivery::delivered);
        assertThat(syncEnds(created.id()).get(0).body()).isEqualTo(syncEnds(created.id()).get(1).body());
        assertThat(Topic.body(record).path("syncId").asText())
                .isEqualTo(Topic.body(syncEnds(created.id()).get(0).body()).path("sync_id").asText());

        // Fivetran's retry of a delivery it thinks failed: the very bytes and signature the sandbox sent.
        WebhookDelivery sent = syncEnds(created.id()).get(0);
        SignedWebhooks.post(sent.body(), sent.signature()).statusCode(200).body("outcome", equalTo("duplicate"));

        assertThat(Topic.events(companion, Topics.FIVETRAN, created.id())).hasSize(1);
    }

    private static List<WebhookDelivery> syncEnds(String connectionId) {
        return FivetranSandboxResource.sandbox().webhookDeliveries().stream()
                .filter(d -> connectionId.equals(d.connectionId()) && "sync_end".equals(d.event()))
                .toList();
    }
}
