package io.gatehouse.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.CloudEventHeaders;
import io.gatehouse.events.Topics;
import io.gatehouse.messaging.cluster.ClusterLease;
import io.gatehouse.messaging.config.MessagingConfig;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.junit.jupiter.api.Test;

/** @QuarkusTest on the build's database and the real broker: one active outbox relay across instances, fenced by its lease. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class RelayLeaseTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    OutboxRelay relay;
    @Inject
    @Channel(OutboxRelay.CHANNEL)
    MutinyEmitter<String> emitter;
    @Inject
    MessagingConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    EntityManager em;

    /** A second instance's relay, driven by the test, stands by: every row goes out once, in its key's order. */
    @Test
    void twoRelaysPublishEachRowOnceInKeyOrder() {
        await().atMost(WAIT).until(relay::active);
        OutboxRelay second = new OutboxRelay(emitter, config, new SimpleMeterRegistry(), "second-instance@test");
        Map<String, List<String>> idsByKey = new LinkedHashMap<>();
        List<String> keys = List.of("k-" + UUID.randomUUID(), "k-" + UUID.randomUUID(), "k-" + UUID.randomUUID());
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 30; i++) {
                String key = keys.get(i % keys.size());
                String id = UUID.randomUUID().toString();
                idsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
                insertRow(id, key);
            }
        });

        await().atMost(WAIT).until(() -> {
            second.heartbeat();
            second.drain();
            return unsent(idsByKey.values().stream().flatMap(List::stream).toList()) == 0;
        });

        assertThat(second.active()).isFalse();
        for (String key : keys) {
            List<String> published = KafkaEvents.recordsWithin(companion, Topics.IDENTITY, r -> key.equals(r.key()), Duration.ofSeconds(2))
                    .stream().map(r -> KafkaEvents.header(r, CloudEventHeaders.ID).orElseThrow()).toList();
            assertThat(published).as("key %s", key).containsExactlyElementsOf(idsByKey.get(key));
        }
    }

    /** The holder died right after it took the lease: the service's relay takes over once the lease lapsed and publishes. */
    @Test
    void lapsedHolderIsReplacedWithinTheLease() {
        await().atMost(WAIT).until(relay::active);
        double takeoversBefore = registry.counter("gatehouse.outbox.relay.takeovers").count();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update relay_lease set holder = 'crashed-instance@elsewhere', token = token + 1, lease_until = ?1 where name = ?2")
                .setParameter(1, Instant.now().plusSeconds(2)).setParameter(2, OutboxRelay.LEASE).executeUpdate());
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> insertRow(id, "k-" + UUID.randomUUID()));

        await().atMost(config.outbox().lease().duration()).until(() -> unsent(List.of(id)) == 0);
        assertThat(relay.active()).isTrue();
        assertThat(leaseHolder()).isNotEqualTo("crashed-instance@elsewhere");
        assertThat(registry.counter("gatehouse.outbox.relay.takeovers").count()).isGreaterThan(takeoversBefore);
        assertThat(registry.find("gatehouse.outbox.relay.active").gauge().value()).isEqualTo(1.0);
    }

    /** A holder that stopped renewing is replaced; its fence is refused from then on, and its next heartbeat says so. */
    @Test
    void staleHolderIsFenced() {
        String name = "fence-test-" + UUID.randomUUID();
        ClusterLease first = new ClusterLease(name, "first@test", Duration.ofSeconds(10));
        ClusterLease other = new ClusterLease(name, "other@test", Duration.ofSeconds(10));
        assertThat(first.heartbeat()).isEqualTo(ClusterLease.Outcome.ACQUIRED);
        assertThat(other.heartbeat()).isEqualTo(ClusterLease.Outcome.STANDBY);
        assertThat(first.heartbeat()).isEqualTo(ClusterLease.Outcome.RENEWED);

        // first is paused or cut off from the database: its lease lapses without a renewal
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update relay_lease set lease_until = ?1 where name = ?2")
                .setParameter(1, Instant.now().minusSeconds(1)).setParameter(2, name).executeUpdate());
        assertThat(other.heartbeat()).isEqualTo(ClusterLease.Outcome.ACQUIRED);

        assertThat(first.held()).isTrue(); // it does not know yet
        assertThat(QuarkusTransaction.requiringNew().call(first::fence)).isFalse();
        assertThat(QuarkusTransaction.requiringNew().call(other::fence)).isTrue();
        assertThat(first.heartbeat()).isEqualTo(ClusterLease.Outcome.LOST);
        assertThat(first.held()).isFalse();
        assertThat(first.heartbeat()).isEqualTo(ClusterLease.Outcome.STANDBY);
    }

    private void insertRow(String id, String key) {
        em.createNativeQuery("insert into outbox_event (id, topic, record_key, ce_type, ce_source, ce_time, payload, created_at, attempts) "
                        + "values (?1, 'gatehouse.identity', ?2, 'gatehouse.UserJoinedBusiness.v1', '/gatehouse/test', ?3, ?4, ?3, 0)")
                .setParameter(1, id).setParameter(2, key).setParameter(3, Instant.now())
                .setParameter(4, "{\"userId\":\"" + key + "\",\"login\":\"l\",\"business\":\"b\"}")
                .executeUpdate();
    }

    private long unsent(List<String> ids) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from outbox_event where sent_at is null and id in (?1)")
                .setParameter(1, ids).getSingleResult()).longValue());
    }

    private String leaseHolder() {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("select holder from relay_lease where name = ?1")
                .setParameter(1, OutboxRelay.LEASE).getSingleResult());
    }
}
