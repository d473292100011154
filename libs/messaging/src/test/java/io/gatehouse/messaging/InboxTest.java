package io.gatehouse.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.Topics;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.messaging.app.IdentityConsumer;
import io.gatehouse.messaging.inbox.DeadLetterStrategy;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** @QuarkusTest against the real broker: each event applies once; what cannot be read goes to the DLQ with its reason. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class InboxTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DLQ = Topics.deadLetter(Topics.IDENTITY);

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    EntityManager em;
    @Inject
    MeterRegistry registry;

    @Test
    void redeliveredEventChangesNothing() {
        String user = "u-" + UUID.randomUUID();
        CloudEvent<UserJoinedBusiness> event = CloudEvent.of("/hr", new UserJoinedBusiness(user, "ada", "finance"));
        double duplicatesBefore = duplicates();

        KafkaEvents.send(companion, KafkaEvents.record(event));
        KafkaEvents.send(companion, KafkaEvents.record(event));

        await().atMost(WAIT).until(() -> duplicates() >= duplicatesBefore + 1);
        assertThat(applied(user)).isEqualTo(1L);
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select count(*) from processed_event where consumer = ?1 and event_id = ?2")
                .setParameter(1, IdentityConsumer.NAME).setParameter(2, event.id()).getSingleResult())).isEqualTo(1L);
    }

    /** A passing conflict with another writer is tried again, not parked: applied once, nothing dead-lettered. */
    @Test
    void transientConflictIsRetriedNotDeadLettered() {
        String user = "u-" + UUID.randomUUID();
        KafkaEvents.send(companion, KafkaEvents.record(CloudEvent.of("/hr", new UserLeftBusiness(user, "ada", "finance"))));

        await().atMost(WAIT).until(() -> applied(user) == 1L);
        assertThat(KafkaEvents.recordsWithin(companion, DLQ, r -> user.equals(r.key()), Duration.ofSeconds(1))).isEmpty();
        assertThat(registry.find("gatehouse.events.retried").counters().stream().mapToDouble(c -> c.count()).sum())
                .isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void unknownTypeGoesToTheDeadLetterTopicWithTheReason() {
        String key = "k-" + UUID.randomUUID();
        KafkaEvents.send(companion, KafkaEvents.raw(Topics.IDENTITY, key, UUID.randomUUID().toString(),
                "gatehouse.UserPromoted.v1", "{\"userId\":\"x\"}"));

        ConsumerRecord<String, String> dead = KafkaEvents.awaitRecord(companion, DLQ, r -> key.equals(r.key()), WAIT);
        assertThat(KafkaEvents.header(dead, "dead-letter-reason")).hasValueSatisfying(
                reason -> assertThat(reason).contains("unknown ce_type 'gatehouse.UserPromoted.v1'"));
        assertThat(dead.value()).isEqualTo("{\"userId\":\"x\"}");
        assertThat(KafkaEvents.header(dead, "ce_type")).contains("gatehouse.UserPromoted.v1");
        assertThat(KafkaEvents.header(dead, DeadLetterStrategy.CONSUMER_HEADER)).contains(IdentityConsumer.NAME);
        assertThat(KafkaEvents.header(dead, DeadLetterStrategy.CHANNEL_HEADER)).contains("test-identity");
    }

    @Test
    void brokenBodyGoesToTheDeadLetterTopicWithTheReason() {
        String key = "k-" + UUID.randomUUID();
        KafkaEvents.send(companion, KafkaEvents.raw(Topics.IDENTITY, key, UUID.randomUUID().toString(),
                "gatehouse.UserJoinedBusiness.v1", "{\"userId\": "));

        ConsumerRecord<String, String> dead = KafkaEvents.awaitRecord(companion, DLQ, r -> key.equals(r.key()), WAIT);
        assertThat(KafkaEvents.header(dead, "dead-letter-reason")).hasValueSatisfying(
                reason -> assertThat(reason).contains("UserJoinedBusiness body is not JSON"));
    }

    @Test
    void schemaViolationIsRefusedWholeAndNamesTheField() {
        String user = "u-" + UUID.randomUUID();
        KafkaEvents.send(companion, KafkaEvents.raw(Topics.IDENTITY, user, UUID.randomUUID().toString(),
                "gatehouse.UserJoinedBusiness.v1", "{\"userId\":\"" + user + "\",\"business\":\"finance\"}"));

        ConsumerRecord<String, String> dead = KafkaEvents.awaitRecord(companion, DLQ, r -> user.equals(r.key()), WAIT);
        assertThat(KafkaEvents.header(dead, "dead-letter-reason")).hasValueSatisfying(
                reason -> assertThat(reason).contains("violates its schema").contains("login"));
        assertThat(applied(user)).isZero();
    }

    private long applied(String user) {
        return (Long) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select count(*) from test_applied where user_id = ?1").setParameter(1, user).getSingleResult());
    }

    private double duplicates() {
        return registry.find("gatehouse.events.consumed").tag("outcome", "duplicate").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
