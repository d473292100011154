package io.gatehouse.messaging.inbox;

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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The inbox purge runs on the instance holding its lease only; another instance's lapsed lease passes it on. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class InboxPurgeTest {

    @Inject
    InboxPurge purge;
    @Inject
    ClusterLeases leases;
    @Inject
    MessagingConfig config;
    @Inject
    EntityManager em;

    @Test
    void purgesOnlyOnTheInstanceHoldingTheLease() {
        String consumer = "purge-test-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into processed_event (consumer, event_id, processed_at) values (?1, 'old', ?2)")
                .setParameter(1, consumer)
                .setParameter(2, Instant.now().minus(config.inbox().retention()).minus(Duration.ofDays(1)))
                .executeUpdate());

        leaseHeldElsewhereUntil(Instant.now().plusSeconds(60));
        await().atMost(Duration.ofSeconds(10)).until(() -> !leases.holds(InboxPurge.LEASE));
        purge.purge();
        assertThat(remembered(consumer)).isEqualTo(1);

        leaseHeldElsewhereUntil(Instant.now().minusSeconds(1)); // the other instance died: its lease lapsed
        purge.purge();
        assertThat(remembered(consumer)).isZero();
    }

    private void leaseHeldElsewhereUntil(Instant until) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into relay_lease (name, token) values (?1, 0) on conflict do nothing")
                    .setParameter(1, InboxPurge.LEASE).executeUpdate();
            em.createNativeQuery("update relay_lease set holder = 'other-instance@elsewhere', token = token + 1, "
                            + "lease_until = ?1 where name = ?2")
                    .setParameter(1, until).setParameter(2, InboxPurge.LEASE).executeUpdate();
        });
    }

    private long remembered(String consumer) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from processed_event where consumer = ?1")
                .setParameter(1, consumer).getSingleResult()).longValue());
    }
}
