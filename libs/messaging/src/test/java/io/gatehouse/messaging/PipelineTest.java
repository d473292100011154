package io.gatehouse.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.gatehouse.messaging.app.NoteQueue;
import io.gatehouse.messaging.metrics.StatusGauges;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** HTTP: {@code GET /pipeline} shows a parked outbox row, a dead letter, a work queue's status and the consumers' lag. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class PipelineTest {

    @Inject
    EntityManager em;
    @Inject
    NoteQueue notes;

    @Test
    void aParkedOutboxRowAndADeadLetterAreCounted() {
        JsonPath before = pipeline();
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            // parked: the relay leaves it alone, so the count holds until the test removes it
            em.createNativeQuery("insert into outbox_event (id, topic, record_key, ce_type, ce_source, ce_time, payload, "
                            + "created_at, attempts, parked_at) values (?1, 'gatehouse.identity', ?1, "
                            + "'gatehouse.UserJoinedBusiness.v1', '/gatehouse/test', ?2, '{}', ?2, 5, ?2)")
                    .setParameter(1, id).setParameter(2, Instant.now()).executeUpdate();
            em.createNativeQuery("insert into dead_letter (consumer, channel, topic, partition_no, record_offset, headers, "
                            + "reason, recorded_at) values ('pipeline-test', 'test-identity', 'gatehouse.identity', 0, ?1, "
                            + "'{}', 'refused', ?2)")
                    .setParameter(1, System.nanoTime()).setParameter(2, Instant.now()).executeUpdate();
        });
        try {
            JsonPath after = pipeline();
            assertThat(after.getString("service")).isEqualTo("messaging-test");
            assertThat(after.getLong("outbox.parked")).isEqualTo(before.getLong("outbox.parked") + 1);
            assertThat(after.getLong("deadLetters")).isEqualTo(before.getLong("deadLetters") + 1);
            assertThat(after.getMap("outbox")).containsKeys("pending", "oldestPendingAgeSeconds");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("delete from outbox_event where id = ?1").setParameter(1, id).executeUpdate();
                em.createNativeQuery("delete from dead_letter where consumer = 'pipeline-test'").executeUpdate();
            });
        }
        assertThat(pipeline().getLong("deadLetters")).isEqualTo(before.getLong("deadLetters"));
    }

    @Test
    void aWorkQueueShowsOneRowPerStatusWithTheOldestAge() {
        notes.refresh(List.of(new StatusGauges.Row<>(NoteQueue.Status.PARKED, 1, Instant.now().minusSeconds(12))));

        List<Map<String, Object>> rows = pipeline().getList("queues.findAll { it.name == 'test.notes' }");

        assertThat(rows).extracting(r -> r.get("status")).containsExactly("open", "parked");
        assertThat(rows.get(0)).containsEntry("count", 0).containsEntry("oldestAgeSeconds", null);
        assertThat(rows.get(1)).containsEntry("count", 1);
        assertThat(((Number) rows.get(1).get("oldestAgeSeconds")).doubleValue()).isCloseTo(12.0, within(5.0));
    }

    @Test
    void theConsumersLagIsListedByClient() {
        // the test app's consumer is bound by Micrometer's Kafka binder once its client is up
        List<Map<String, Object>> consumers = await().atMost(Duration.ofSeconds(30))
                .until(() -> pipeline().getList("consumers"), list -> !list.isEmpty());
        assertThat(consumers).allSatisfy(c -> assertThat(c).containsKeys("clientId", "lag"));
        assertThat(consumers).extracting(c -> (String) c.get("clientId")).doesNotHaveDuplicates();
    }

    @Test
    void readingNeedsAToken() {
        given().get("/pipeline").then().statusCode(401);
        given().auth().oauth2(TestTokens.noRole()).get("/pipeline").then().statusCode(403);
        given().auth().oauth2(TestTokens.platformAdmin()).get("/pipeline").then().statusCode(200);
    }

    private static JsonPath pipeline() {
        return given().auth().oauth2(TestTokens.ops()).get("/pipeline").then().statusCode(200).extract().jsonPath();
    }
}
