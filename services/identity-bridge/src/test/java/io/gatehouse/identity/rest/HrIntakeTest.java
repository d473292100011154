package io.gatehouse.identity.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.identity.scim.IdentityTopic;
import io.gatehouse.identity.scim.Scim;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HR systems without SCIM: a batch of joins and leaves, published in order, once per (caller, batch id). */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class HrIntakeTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void aBatchIsPublishedInOrderAndOnlyOnce() {
        String m = Scim.marker();
        String userId = "E" + m;
        Map<String, Object> batch = Map.of("batchId", "hr-" + m, "events", List.of(
                change("joined", userId, "ada" + m, "finance"),
                change("joined", userId, "ada" + m, "sales"),
                change("left", userId, "ada" + m, "finance")));
        String writer = TestTokens.token("hr-feed", "identity-writer");
        post(writer, batch).then().statusCode(202).body("batchId", equalTo("hr-" + m)).body("events", equalTo(3));
        List<JsonNode> events = IdentityTopic.await(kafka, userId, 3);
        assertThat(events).extracting(IdentityTopic::change).containsExactly("joined finance as ADA" + m.toUpperCase(),
                "joined sales as ADA" + m.toUpperCase(), "left finance as ADA" + m.toUpperCase());
        // One person's events carry strictly increasing times: the grant-service orders them by time.
        assertThat(events).extracting(e -> Instant.parse(e.path("time").asText())).isSorted().doesNotHaveDuplicates();

        // A retry: the first answer, nothing published. The same id with other events: 422. Another caller's id is its own.
        post(writer, batch).then().statusCode(202).body("events", equalTo(3));
        post(writer, Map.of("batchId", "hr-" + m, "events", List.of(change("left", userId, "ada" + m, "sales"))))
                .then().statusCode(422).body("detail", containsString("hr-" + m));
        post(TestTokens.platformAdmin(), Map.of("batchId", "hr-" + m, "events",
                List.of(change("left", userId, "ada" + m, "sales")))).then().statusCode(202);
        assertThat(IdentityTopic.await(kafka, userId, 4)).extracting(IdentityTopic::change)
                .endsWith("left sales as ADA" + m.toUpperCase());
        assertThat(IdentityTopic.settled(kafka, r -> userId.equals(r.key()))).hasSize(4);
    }

    @Test
    void refusedBatchesPublishNothing() {
        String m = Scim.marker();
        String admin = TestTokens.platformAdmin();
        // A name the grant-service could not turn into a role: 400 naming the field; the valid event is not sent either.
        post(admin, Map.of("batchId", "bad-" + m, "events", List.of(
                change("joined", "U" + m, "ok" + m, "finance"),
                change("joined", "U" + m, "o'brien" + m, "fin;ance"))))
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItems("events[1].login", "events[1].business"));
        post(admin, Map.of("batchId", "bad2-" + m, "events", List.of(change("promoted", "U" + m, "ok" + m, "finance"))))
                .then().statusCode(400).body("errors.field", hasItems("events[0].change"));
        post(admin, Map.of("batchId", "bad3-" + m, "events", List.of())).then().statusCode(400);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"batchId\": ").post("/identity-events")
                .then().statusCode(400);

        // Roles: ops may not write, a token without the role neither, no token is 401.
        post(TestTokens.ops(), Map.of("batchId", "ops-" + m, "events", List.of(change("joined", "U" + m, "ok" + m, "x"))))
                .then().statusCode(403);
        post(TestTokens.noRole(), Map.of("batchId", "no-" + m, "events", List.of(change("joined", "U" + m, "ok" + m, "x"))))
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("batchId", "anon-" + m)).post("/identity-events")
                .then().statusCode(401);

        assertThat(IdentityTopic.settled(kafka, r -> r.value().toLowerCase().contains(m))).isEmpty();
    }

    private static io.restassured.response.Response post(String token, Map<String, Object> batch) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(batch).post("/identity-events");
    }

    private static Map<String, String> change(String change, String userId, String login, String business) {
        return Map.of("change", change, "userId", userId, "login", login, "business", business);
    }
}
