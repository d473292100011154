package io.gatehouse.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What {@code gatehouse.outbox.oldest.age} reads: the oldest row still to go out, its age taken when scraped. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class OutboxAgeTest {

    @Inject
    EntityManager em;

    @Test
    void theOldestUnsentRowIsFoundAndParkedOrSentRowsAreNot() {
        Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        // written and read in one transaction that is rolled back: the running relay never sees these rows
        QuarkusTransaction.begin();
        try {
            insert(hourAgo.minus(2, ChronoUnit.HOURS), null, Instant.now());
            insert(hourAgo.minus(1, ChronoUnit.HOURS), Instant.now(), null);
            insert(hourAgo, null, null);
            Optional<Instant> oldest = OutboxEvent.oldestPending();
            assertThat(oldest).isPresent();
            assertThat(oldest.get()).as("a parked or sent row, though older, is not waiting").isAfterOrEqualTo(hourAgo.minusMillis(1));
            assertThat(oldest.get()).isBeforeOrEqualTo(hourAgo.plusMillis(1));
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    @Test
    void theAgeGrowsFromTheRowsWriteTimeAndIsZeroWhenNothingWaits() {
        assertThat(OutboxRelay.ageSeconds(new AtomicReference<>())).isZero();
        double age = OutboxRelay.ageSeconds(new AtomicReference<>(Instant.now().minus(Duration.ofMinutes(10))));
        assertThat(age).isCloseTo(600.0, within(5.0));
        assertThat(OutboxRelay.ageSeconds(new AtomicReference<>(Instant.now().plusSeconds(60)))).as("clock skew").isZero();
    }

    private void insert(Instant createdAt, Instant sentAt, Instant parkedAt) {
        String id = UUID.randomUUID().toString();
        em.createNativeQuery("insert into outbox_event (id, topic, record_key, ce_type, ce_source, ce_time, payload, created_at, "
                        + "attempts, sent_at, parked_at) values (?1, 'gatehouse.identity', ?2, 'gatehouse.UserJoinedBusiness.v1', "
                        + "'/gatehouse/test', ?3, '{}', ?3, 0, ?4, ?5)")
                .setParameter(1, id).setParameter(2, "u-" + id).setParameter(3, createdAt)
                .setParameter(4, sentAt).setParameter(5, parkedAt)
                .executeUpdate();
    }
}
