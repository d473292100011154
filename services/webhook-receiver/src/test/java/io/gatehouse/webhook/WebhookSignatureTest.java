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
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** HTTP + real broker: only a body whose X-Fivetran-Signature-256 matches its exact bytes publishes anything. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class WebhookSignatureTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    MeterRegistry registry;

    @Test
    void signedSyncEndBecomesSyncCompleted() {
        String connection = SignedWebhooks.connectionId();
        String body = SignedWebhooks.syncEnd(connection, "SUCCESSFUL");

        SignedWebhooks.postSigned(body).statusCode(200).body("outcome", equalTo("published"));

        ConsumerRecord<String, String> record = Topic.await(companion, Topics.FIVETRAN, connection);
        assertThat(Topic.type(record)).isEqualTo("gatehouse.SyncCompleted.v1");
        assertThat(Topic.body(record).path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(Topic.body(record).path("groupId").asText()).isEqualTo("gatehouse_group");
        assertThat(Topic.body(record).path("syncId").asText()).isNotBlank();
    }

    @Test
    void upperCaseHexSignatureIsAccepted() {
        String connection = SignedWebhooks.connectionId();
        String body = SignedWebhooks.syncEnd(connection, "SUCCESSFUL");

        SignedWebhooks.post(body, SignedWebhooks.sign(body).toUpperCase(Locale.ROOT)).statusCode(200);

        Topic.await(companion, Topics.FIVETRAN, connection);
    }

    @Test
    void missingSignatureIsRefusedAndPublishesNothing() {
        String connection = SignedWebhooks.connectionId();
        double before = badSignatures();

        SignedWebhooks.post(SignedWebhooks.syncEnd(connection, "SUCCESSFUL"), null)
                .statusCode(401).contentType("application/problem+json").body("status", equalTo(401));

        assertThat(badSignatures()).isEqualTo(before + 1);
        assertNothingPublishedFor(connection);
    }

    @Test
    void signatureMadeWithAnotherSecretIsRefused() {
        String connection = SignedWebhooks.connectionId();
        String body = SignedWebhooks.syncEnd(connection, "SUCCESSFUL");
        String forged = new io.gatehouse.webhook.domain.WebhookSignature("an-attackers-guess").sign(body.getBytes());

        SignedWebhooks.post(body, forged).statusCode(401);

        assertNothingPublishedFor(connection);
    }

    @Test
    void tamperedBodyIsRefused() {
        String connection = SignedWebhooks.connectionId();
        String original = SignedWebhooks.syncEnd(connection, "FAILED");
        String tampered = original.replace("FAILED", "SUCCESSFUL");

        SignedWebhooks.post(tampered, SignedWebhooks.sign(original)).statusCode(401);
        // The same bytes plus a trailing newline are different bytes.
        SignedWebhooks.post(original + "\n", SignedWebhooks.sign(original)).statusCode(401);

        assertNothingPublishedFor(connection);
    }

    @Test
    void malformedSignatureHeadersAreRefused() {
        String connection = SignedWebhooks.connectionId();
        String body = SignedWebhooks.syncEnd(connection, "SUCCESSFUL");
        String signature = SignedWebhooks.sign(body);

        SignedWebhooks.post(body, "").statusCode(401);
        SignedWebhooks.post(body, "sha256=" + signature).statusCode(401);
        SignedWebhooks.post(body, signature.substring(0, 63)).statusCode(401);
        SignedWebhooks.post(body, "z".repeat(64)).statusCode(401);

        assertNothingPublishedFor(connection);
    }

    @Test
    void oversizedBodyIsRefusedWith413() {
        String connection = SignedWebhooks.connectionId();
        String padding = "x".repeat(70_000);
        String body = SignedWebhooks.event("sync_end", connection, "{\"status\":\"SUCCESSFUL\",\"pad\":\"" + padding + "\"}");

        SignedWebhooks.postSigned(body).statusCode(413).contentType("application/problem+json");

        assertNothingPublishedFor(connection);
    }

    /** A valid marker sent after the refused request comes out of the ordered outbox; the refused one never did. */
    private void assertNothingPublishedFor(String connection) {
        String marker = SignedWebhooks.connectionId();
        SignedWebhooks.postSigned(SignedWebhooks.syncEnd(marker, "SUCCESSFUL")).statusCode(200);
        Topic.await(companion, Topics.FIVETRAN, marker);
        assertThat(Topic.events(companion, Topics.FIVETRAN, connection)).isEmpty();
    }

    private double badSignatures() {
        return registry.find("gatehouse.webhook.deliveries").tag("outcome", "bad_signature").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
