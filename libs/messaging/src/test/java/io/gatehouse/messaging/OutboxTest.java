package io.gatehouse.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.CloudEventHeaders;
import io.gatehouse.events.Topics;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.messaging.app.NotePublisher;
import io.gatehouse.messaging.outbox.OutboxRelay;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** @QuarkusTest against the real broker: events leave through the outbox, exactly when their transaction commits. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class OutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    NotePublisher publisher;
    @Inject
    OutboxRelay relay;
    @Inject
    EntityManager em;

    @Test
    void committedEventIsPublishedWithItsCloudEventHeaders() {
        String user = "u-" + UUID.randomUUID();
        CloudEvent<UserJoinedBusiness> event = publisher.writeAndPublish(user, false);

        ConsumerRecord<String, String> record = KafkaEvents.awaitRecord(companion, Topics.IDENTITY, r -> user.equals(r.key()), WAIT);
        assertThat(KafkaEvents.header(record, CloudEventHeaders.ID)).contains(event.id());
        assertThat(KafkaEvents.header(record, CloudEventHeaders.TYPE)).contains("gatehouse.UserJoinedBusiness.v1");
        assertThat(KafkaEvents.header(record, CloudEventHeaders.SOURCE)).contains("/gatehouse/messaging-test");
        assertThat(KafkaEvents.header(record, CloudEventHeaders.SUBJECT)).contains(user);
        assertThat(KafkaEvents.header(record, CloudEventHeaders.SPEC_VERSION)).contains("1.0");
        assertThat(record.value()).isEqualTo("{\"userId\":\"" + user + "\",\"login\":\"" + user + ".login\",\"business\":\"finance\"}");
        await().atMost(WAIT).until(() -> sentAt(event.id()) != null);
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        String failed = "u-" + UUID.randomUUID();
        assertThatThrownBy(() -> publisher.writeAndPublish(failed, true)).hasMessageContaining("failed after writing");
        String marker = "u-" + UUID.randomUUID();
        publisher.writeAndPublish(marker, false);

        KafkaEvents.awaitRecord(companion, Topics.IDENTITY, r -> marker.equals(r.key()), WAIT);
        assertThat(KafkaEvents.recordsWithin(companion, Topics.IDENTITY, r -> failed.equals(r.key()), Duration.ofSeconds(1))).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("select count(*) from test_note where id = ?1").setParameter(1, failed).getSingleResult()))
                .isEqualTo(0L);
    }

    /** A process that died after its commit left the row behind and never told its relay: the row still goes out, once. */
    @Test
    void rowLeftByACrashedProcessIsPublishedOnce() {
        String id = UUID.randomUUID().toString();
        String user = "u-" + id;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into outbox_event (id, topic, record_key, ce_type, ce_source, ce_time, payload, created_at, attempts) "
                                + "values (?1, 'gatehouse.identity', ?2, 'gatehouse.UserJoinedBusiness.v1', '/gatehouse/crashed', ?3, ?4, ?3, 0)")
                .setParameter(1, id).setParameter(2, user).setParameter(3, Instant.now())
                .setParameter(4, "{\"userId\":\"" + user + "\",\"login\":\"l\",\"business\":\"b\"}")
                .executeUpdate());

        KafkaEvents.awaitRecord(companion, Topics.IDENTITY, r -> user.equals(r.key()), WAIT);
        await().atMost(WAIT).until(() -> sentAt(id) != null);
        relay.drain();
        assertThat(KafkaEvents.recordsWithin(companion, Topics.IDENTITY, r -> user.equals(r.key()), Duration.ofSeconds(1))).hasSize(1);
    }

    /**
     * A row the broker can never take (over its size limit) is parked after a few refusals; the rows after it with
     * the same key wait for it (per-key order) and then go out; other keys never wait.
     */
    @Test
    void rowRefusedForGoodIsParkedAndItsKeyKeepsItsOrder() {
        String key = "u-" + UUID.randomUUID();
        String other = "u-" + UUID.randomUUID();
        String tooLarge = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        String otherId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            insertRow(tooLarge, key, "{\"userId\":\"" + key + "\",\"login\":\"" + "x".repeat(1_200_000) + "\",\"business\":\"b\"}");
            insertRow(after, key, "{\"userId\":\"" + key + "\",\"login\":\"l\",\"business\":\"b\"}");
            insertRow(otherId, other, "{\"userId\":\"" + other + "\",\"login\":\"l\",\"business\":\"b\"}");
        });

        KafkaEvents.awaitRecord(companion, Topics.IDENTITY, r -> other.equals(r.key()), WAIT);
        await().atMost(Duration.ofSeconds(30)).until(() -> column("parked_at", tooLarge) != null);
        ConsumerRecord<String, String> next = KafkaEvents.awaitRecord(companion, Topics.IDENTITY, r -> key.equals(r.key()), WAIT);
        assertThat(KafkaEvents.header(next, CloudEventHeaders.ID)).contains(after);
        assertThat(column("sent_at", tooLarge)).isNull();
        assertThat(String.valueOf(column("last_error", tooLarge))).contains("RecordTooLarge");
        assertThat(((Number) column("attempts", tooLarge)).intValue()).isEqualTo(5);
        assertThat(KafkaEvents.recordsWithin(companion, Topics.IDENTITY, r -> key.equals(r.key()), Duration.ofSeconds(1))).hasSize(1);
    }

    private void insertRow(String id, String key, String payload) {
        em.createNativeQuery("insert into outbox_event (id, topic, record_key, ce_type, ce_source, ce_time, payload, created_at, attempts) "
                        + "values (?1, 'gatehouse.identity', ?2, 'gatehouse.UserJoinedBusiness.v1', '/gatehouse/test', ?3, ?4, ?3, 0)")
                .setParameter(1, id).setParameter(2, key).setParameter(3, Instant.now()).setParameter(4, payload)
                .executeUpdate();
    }

    private Object column(String column, String id) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select " + column + " from outbox_event where id = ?1")
                .setParameter(1, id).getSingleResult());
    }

    private Object sentAt(String id) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select sent_at from outbox_event where id = ?1")
                .setParameter(1, id).getSingleResult());
    }
}
