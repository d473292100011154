package io.gatehouse.messaging.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.messaging.cluster.ClusterLeases;
import io.gatehouse.messaging.config.MessagingConfig;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The messaging tables' retention: processed event ids and sent outbox rows past their windows go, the rest stays
 * (recent ids, recently sent rows, parked rows however old); and only on the instance holding the lease, which passes
 * on when its holder's lease lapses.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class RetentionScheduleTest {

    @Inject
    RetentionSchedule retention;
    @Inject
    ClusterLeases leases;
    @Inject
    MessagingConfig config;
    @Inject
    EntityManager em;

    @Test
    void deletesWhatIsPastItsWindowOnlyOnTheInstanceHoldingTheLease() {
        String consumer = "retention-test-" + UUID.randomUUID();
        Instant pastInbox = Instant.now().minus(config.inbox().retention()).minus(Duration.ofDays(1));
        Instant insideInbox = Instant.now().minus(config.inbox().retention()).plus(Duration.ofDays(1));
        remember(consumer, "old", pastInbox);
        remember(consumer, "recent", insideInbox);
        Instant pastOutbox = Instant.now().minus(config.outbox().retention()).minus(Duration.ofDays(1));
        String oldSent = outboxRow(pastOutbox, "sent_at", pastOutbox);
        String recentlySent = outboxRow(pastOutbox, "sent_at", Instant.now().minus(Duration.ofHours(1)));
        String parked = outboxRow(pastOutbox, "parked_at", pastOutbox);

        leaseHeldElsewhereUntil(Instant.now().plusSeconds(60));
        await().atMost(Duration.ofSeconds(10)).until(() -> !leases.holds(RetentionSchedule.LEASE));
        assertThat(retention.purge()).isEmpty();
        assertThat(remembered(consumer)).isEqualTo(2);
        assertThat(outboxRows(oldSent, recentlySent, parked)).isEqualTo(3);

        leaseHeldElsewhereUntil(Instant.now().minusSeconds(1)); // the other instance died: its lease lapsed
        assertThat(retention.purge()).containsKeys("processed_event", "outbox_event");
        assertThat(remembered(consumer)).isEqualTo(1);
        assertThat(remembered(consumer, "recent")).isEqualTo(1);
        assertThat(outboxRows(oldSent)).isZero();
        assertThat(outboxRows(recentlySent, parked)).isEqualTo(2);
    }

    private void remember(String consumer, String eventId, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into processed_event (consumer, event_id, processed_at) values (?1, ?2, ?3)")
                .setParameter(1, consumer).setParameter(2, eventId).setParameter(3, at)
                .executeUpdate());
    }

    /** A row the relay leaves alone: already sent ({@code sent_at}), or parked ({@code parked_at}). */
    private String outboxRow(Instant created, String column, Instant at) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into outbox_event (id, topic, record_key, ce_type, ce_source, ce_time, payload, created_at, "
                                + column + ", attempts) values (?1, 'gatehouse.retention-test', 'k', 'test', "
                                + "'/gatehouse/test', ?2, '{}', ?2, ?3, 0)")
                .setParameter(1, id).setParameter(2, created).setParameter(3, at)
                .executeUpdate());
        return id;
    }

    private void leaseHeldElsewhereUntil(Instant until) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into relay_lease (name, token) values (?1, 0) on conflict do nothing")
                    .setParameter(1, RetentionSchedule.LEASE).executeUpdate();
            em.createNativeQuery("update relay_lease set holder = 'other-instance@elsewhere', token = token + 1, "
                            + "lease_until = ?1 where name = ?2")
                    .setParameter(1, until).setParameter(2, RetentionSchedule.LEASE).executeUpdate();
        });
    }

    private long remembered(String consumer) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from processed_event where consumer = ?1")
                .setParameter(1, consumer).getSingleResult()).longValue());
    }

    private long remembered(String consumer, String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from processed_event where consumer = ?1 and event_id = ?2")
                .setParameter(1, consumer).setParameter(2, eventId).getSingleResult()).longValue());
    }

    private long outboxRows(String... ids) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from outbox_event where id in (?1)")
                .setParameter(1, List.of(ids)).getSingleResult()).longValue());
    }
}
