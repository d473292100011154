package io.gatehouse.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.Topics;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.testing.faults.DatabaseProxyResource;
import io.gatehouse.testing.faults.FaultProxy;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * @QuarkusTest with the service's own database behind a real TCP proxy: while the database refuses connections,
 * events are retried in place (never dead-lettered), readiness says so, and every event applies once afterwards.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@QuarkusTestResource(value = DatabaseProxyResource.class, restrictToAnnotatedClass = true)
class OutageTest {

    private static final String DLQ = Topics.deadLetter(Topics.IDENTITY);

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    EntityManager em;
    @Inject
    MeterRegistry registry;

    @Test
    void eventsConsumedDuringAnOutageApplyOnceWhenItEnds() {
        FaultProxy database = DatabaseProxyResource.proxy();
        String warmUp = "u-" + UUID.randomUUID();
        KafkaEvents.send(companion, KafkaEvents.record(CloudEvent.of("/hr", new UserJoinedBusiness(warmUp, "ada", "finance"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(warmUp) == 1L);
        assertThat(database.accepted()).as("the application talks to its database through the proxy").isPositive();

        database.refuse();
        List<String> users = IntStream.range(0, 20).mapToObj(i -> "u-" + UUID.randomUUID()).toList();
        users.forEach(u -> KafkaEvents.send(companion, KafkaEvents.record(CloudEvent.of("/hr", new UserJoinedBusiness(u, u, "finance")))));

        await().atMost(Duration.ofSeconds(30)).until(() -> outageRetries() >= 3);
        given().get("/q/health/ready").then().statusCode(503);
        assertThat(KafkaEvents.recordsWithin(companion, DLQ, r -> users.contains(r.key()), Duration.ofSeconds(3)))
                .as("an outage is retried, never dead-lettered").isEmpty();

        database.pass();
        await().atMost(Duration.ofSeconds(60)).until(() -> users.stream().allMatch(u -> applied(u) == 1L));
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(KafkaEvents.recordsWithin(companion, DLQ, r -> users.contains(r.key()), Duration.ofSeconds(1))).isEmpty();
    }

    private double outageRetries() {
        return registry.find("gatehouse.events.retried").tag("reason", "outage").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private long applied(String user) {
        return (Long) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select count(*) from test_applied where user_id = ?1").setParameter(1, user).getSingleResult());
    }
}
