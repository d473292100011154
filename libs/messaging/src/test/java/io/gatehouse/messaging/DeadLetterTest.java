package io.gatehouse.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.Topics;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.messaging.app.IdentityConsumer;
import io.gatehouse.messaging.inbox.DeadLetterStrategy;
import io.gatehouse.messaging.inbox.EventReceiver;
import io.gatehouse.testing.auth.TestTokens;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * @QuarkusTest over HTTP and the real broker: a record a consumer gives up on is kept for operators, and a replay
 * after the cause is fixed applies it once, only for that consumer.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class DeadLetterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    EntityManager em;
    @Inject
    MeterRegistry registry;

    @Test
    void aDeadLetteredRecordIsListedAndItsReplayAppliesOnceAfterTheFix() {
        String user = "u-" + UUID.randomUUID();
        IdentityConsumer.REFUSED.add(user);
        CloudEvent<UserJoinedBusiness> event = CloudEvent.of("/hr", new UserJoinedBusiness(user, user, "finance"));
        KafkaEvents.send(companion, KafkaEvents.record(event));

        Map<String, Object> letter = await().atMost(WAIT).until(() -> deadLetterOf(event.id()), l -> l != null);
        assertThat(letter).containsEntry("consumer", IdentityConsumer.NAME).containsEntry("channel", "test-identity")
                .containsEntry("topic", Topics.IDENTITY).containsEntry("type", "gatehouse.UserJoinedBusiness.v1")
                .containsEntry("replays", 0);
        assertThat((String) letter.get("reason")).contains("is refused by this consumer");
        // counted with the consumer's other outcomes, for the dashboard and the GatehouseDeadLettersGrowing alert
        assertThat(registry.get("gatehouse.events.consumed").tags("consumer", IdentityConsumer.NAME,
                "type", "gatehouse.UserJoinedBusiness.v1", "outcome", EventReceiver.DEAD_LETTERED).counter().count())
                .isGreaterThanOrEqualTo(1.0);
        assertThat(KafkaEvents.header(KafkaEvents.awaitRecord(companion, Topics.deadLetter(Topics.IDENTITY),
                r -> user.equals(r.key()), WAIT), DeadLetterStrategy.CONSUMER_HEADER)).contains(IdentityConsumer.NAME);
        assertThat(applied(user)).isZero();
        long id = ((Number) letter.get("id")).longValue();
        given().auth().oauth2(TestTokens.ops()).get("/dead-letters/" + id).then().statusCode(200);
        given().auth().oauth2(TestTokens.ops()).post("/dead-letters/" + id + "/replay").then().statusCode(403);

        IdentityConsumer.REFUSED.remove(user);
        int replays = given().auth().oauth2(TestTokens.platformAdmin()).post("/dead-letters/" + id + "/replay")
                .then().statusCode(200).extract().path("replays");
        assertThat(replays).isEqualTo(1);
        await().atMost(WAIT).until(() -> applied(user) == 1L);

        double duplicatesBefore = duplicates();
        given().auth().oauth2(TestTokens.platformAdmin()).post("/dead-letters/" + id + "/replay").then().statusCode(200);
        await().atMost(WAIT).until(() -> duplicates() > duplicatesBefore);
        assertThat(applied(user)).as("a second replay is absorbed by the inbox").isEqualTo(1L);
    }

    @Test
    void aReplayForAnotherConsumerIsIgnored() {
        String user = "u-" + UUID.randomUUID();
        CloudEvent<UserJoinedBusiness> event = CloudEvent.of("/hr", new UserJoinedBusiness(user, user, "finance"));
        var record = KafkaEvents.record(event);
        record.headers().add("gatehouse-replay-for", "some-other-service".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        double ignoredBefore = ignored();
        KafkaEvents.send(companion, record);

        await().atMost(WAIT).until(() -> ignored() > ignoredBefore);
        assertThat(applied(user)).isZero();
    }

    @Test
    void unknownRecordIs404AndListingNeedsARole() {
        given().auth().oauth2(TestTokens.ops()).get("/dead-letters/987654321").then().statusCode(404);
        given().auth().oauth2(TestTokens.noRole()).get("/dead-letters").then().statusCode(403);
        given().get("/dead-letters").then().statusCode(401);
    }

    private Map<String, Object> deadLetterOf(String eventId) {
        List<Map<String, Object>> letters = given().auth().oauth2(TestTokens.ops())
                .queryParam("consumer", IdentityConsumer.NAME).get("/dead-letters")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return letters.stream().filter(l -> eventId.equals(l.get("eventId"))).findFirst().orElse(null);
    }

    private long applied(String user) {
        return (Long) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select count(*) from test_applied where user_id = ?1").setParameter(1, user).getSingleResult());
    }

    private double duplicates() {
        return outcome("duplicate");
    }

    private double ignored() {
        return outcome("ignored");
    }

    private double outcome(String outcome) {
        return registry.find("gatehouse.events.consumed").tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
