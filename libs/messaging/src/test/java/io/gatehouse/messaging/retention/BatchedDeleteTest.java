package io.gatehouse.messaging.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Batched deletes on the build's database (H2, or PostgreSQL with -Ppostgres): a batch per transaction, until done. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class BatchedDeleteTest {

    @Inject
    BatchedDelete deletes;
    @Inject
    MeterRegistry registry;
    @Inject
    EntityManager em;

    @Test
    void fiveOldRowsGoInThreeBatchesOfTwoAndTheRecentOnesStay() {
        String consumer = "batched-delete-" + UUID.randomUUID();
        Instant cutoff = Instant.now().minus(Duration.ofDays(10));
        for (int i = 0; i < 5; i++) {
            remember(consumer, "old-" + i, cutoff.minus(Duration.ofHours(i + 1)));
        }
        remember(consumer, "recent-1", cutoff.plus(Duration.ofHours(1)));
        remember(consumer, "recent-2", Instant.now());
        double before = deletedCount();
        // Only this test's rows: other tests leave old ids of their own consumers.
        RetentionTarget target = RetentionTarget.of("processed_event", "processed_at", "consumer", "event_id")
                .where("t.consumer = '" + consumer + "'");

        BatchedDelete.Deleted deleted = deletes.olderThan(target, cutoff, 2);

        assertThat(deleted).isEqualTo(new BatchedDelete.Deleted(5, 3));
        assertThat(eventIds(consumer)).isEqualTo(2);
        assertThat(eventIds(consumer, "recent-%")).isEqualTo(2);
        assertThat(deletedCount() - before).isEqualTo(5.0);
        assertThat(deletes.olderThan(target, cutoff, 2)).as("nothing left: one batch that finds nothing")
                .isEqualTo(new BatchedDelete.Deleted(0, 1));
    }

    private void remember(String consumer, String eventId, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into processed_event (consumer, event_id, processed_at) values (?1, ?2, ?3)")
                .setParameter(1, consumer).setParameter(2, eventId).setParameter(3, at)
                .executeUpdate());
    }

    private long eventIds(String consumer) {
        return eventIds(consumer, "%");
    }

    private long eventIds(String consumer, String like) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from processed_event where consumer = ?1 and event_id like ?2")
                .setParameter(1, consumer).setParameter(2, like).getSingleResult()).longValue());
    }

    private double deletedCount() {
        var counter = registry.find("gatehouse.retention.deleted").tag("table", "processed_event").counter();
        return counter == null ? 0 : counter.count();
    }
}
