package io.gatehouse.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.CloudEventHeaders;
import io.gatehouse.events.ConnectCardIssued;
import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Real broker + database: ConnectCardIssued on gatehouse.onboarding is processed under the inbox name
 * {@code webhook-receiver}, and a late, older card (a DLQ replay) never rebinds a request to a stale connection.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class OnboardingConsumerTest extends CardFlowBase {

    @Test
    void lateOlderCardDoesNotRebindTheRequest() {
        CardFlow.Card card = flow.issue();
        CloudEvent<ConnectCardIssued> stale = new CloudEvent<>(UUID.randomUUID().toString(), "/gatehouse/connector-service",
                Instant.now().minus(Duration.ofHours(1)), new ConnectCardIssued(card.requestId(), "stale_connection",
                "https://card.example/stale", Instant.now().plus(Duration.ofDays(1)), null));

        ProducerRecord<String, String> record = KafkaEvents.record(stale);
        // KafkaEvents leaves ce_time out (the receiver then stamps arrival); the replay must carry its original time.
        record.headers().add(CloudEventHeaders.TIME, stale.time().toString().getBytes(StandardCharsets.UTF_8));
        KafkaEvents.send(companion, record);

        // The inbox row proves the replay was handled (not merely still in flight), under the unchanged consumer name.
        await().atMost(Topic.WAIT).until(() -> processedByWebhookReceiver(stale.id()));
        assertThat(flow.boundConnection(card.requestId())).isEqualTo(card.connectionId());
    }

    private boolean processedByWebhookReceiver(String eventId) {
        return ((Number) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select count(*) from processed_event where consumer = 'webhook-receiver' and event_id = ?1")
                .setParameter(1, eventId).getSingleResult())).longValue() == 1;
    }
}
