package io.gatehouse.onboarding.rest;

import static io.gatehouse.onboarding.rest.Requests.asAdmin;
import static io.gatehouse.onboarding.rest.Requests.body;
import static io.gatehouse.onboarding.rest.Requests.marker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.events.Topics;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** HTTP + real broker: a request is stored with its ConnectorRequested (outbox); Idempotency-Key replays the first answer. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class CreateRequestTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void acceptedRequestIsPublishedAndVisible() throws Exception {
        String marker = marker();
        String id = Requests.post(body(marker)).then()
                .statusCode(202)
                .extract().path("id");

        ConsumerRecord<String, String> record = KafkaEvents.awaitRecord(companion, Topics.ONBOARDING,
                r -> id.equals(r.key()), WAIT);
        assertThat(KafkaEvents.header(record, "ce_type")).contains("gatehouse.ConnectorRequested.v1");
        JsonNode event = MAPPER.readTree(record.value());
        assertThat(event.path("requestId").asText()).isEqualTo(id);
        assertThat(event.path("service").asText()).isEqualTo("sql_server_rds");
        assertThat(event.path("schemaName").asText()).isEqualTo("sales_" + marker);
        assertThat(event.path("config").path("host").asText()).isEqualTo("sql.example.com");
        assertThat(event.path("owner").path("email").asText()).isEqualTo("ada+" + marker + "@example.com");
        assertThat(event.path("tableGroup").asText()).isEqualTo("sales_core");

        Requests.get(id).then().statusCode(200)
                .body("state", equalTo("REQUESTED"))
                .body("schemaName", equalTo("sales_" + marker))
                .body("config.port", equalTo(1433))
                .body("timeline", hasSize(1))
                .body("timeline[0].type", equalTo("ConnectorRequested"))
                .body("timeline[0].eventId", equalTo(KafkaEvents.header(record, "ce_id").orElseThrow()));
    }

    @Test
    void locationPointsAtTheRequest() {
        io.restassured.response.Response response = Requests.post(body(marker()));
        String id = response.then().statusCode(202).extract().path("id");
        assertThat(response.header("Location")).endsWith("/onboarding-requests/" + id);
        assertThat(response.<String>path("location")).isEqualTo("/onboarding-requests/" + id);
        assertThat(response.<String>path("state")).isEqualTo("REQUESTED");
    }

    @Test
    void retryWithTheSameKeyReturnsTheFirstAnswerAndCreatesNothing() {
        String marker = marker();
        String key = "retry-" + marker;
        Map<String, Object> body = body(marker);
        String first = asAdmin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/onboarding-requests").then().statusCode(202).extract().path("id");
        String second = asAdmin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/onboarding-requests").then().statusCode(202)
                .header("Location", endsWith("/onboarding-requests/" + first))
                .extract().path("id");

        assertThat(second).isEqualTo(first);
        Requests.asOps().queryParam("owner", "ada+" + marker).get("/onboarding-requests").then()
                .statusCode(200).body("total", equalTo(1));
        assertThat(KafkaEvents.recordsWithin(companion, Topics.ONBOARDING,
                r -> r.value().contains("ada+" + marker + "@"), Duration.ofSeconds(3))).hasSize(1);
    }

    /** A key is the caller's own: another caller reusing it makes its own request and never learns the first one's id. */
    @Test
    void idempotencyKeysAreScopedToTheCaller() {
        String key = "shared-" + marker();
        String first = asAdmin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body(marker()))
                .post("/onboarding-requests").then().statusCode(202).extract().path("id");
        String other = io.restassured.RestAssured.given()
                .auth().oauth2(io.gatehouse.testing.auth.TestTokens.token("another-team", "platform-admin"))
                .contentType(ContentType.JSON).header("Idempotency-Key", key).body(body(marker()))
                .post("/onboarding-requests").then().statusCode(202).extract().path("id");
        assertThat(other).isNotEqualTo(first);
    }

    /**
     * config and businesses live in JSON columns: they come back as sent, config's keys sorted at every level. An s3
     * config, because its documented keys include nested objects, lists, numbers and booleans.
     */
    @Test
    void configAndBusinessesComeBackAsSent() throws Exception {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("table_name", "orders");
        file.put("file_pattern", "orders_.*\\.csv");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("prefix", "finance/daily/");
        config.put("bucket", "acme-exports");
        config.put("files", List.of(file));
        config.put("skip_before", 1);
        config.put("empty_header", true);
        Map<String, Object> body = body(marker());
        body.put("service", "s3");
        body.put("config", config);
        body.put("businesses", List.of("sales", "finance"));
        String id = Requests.post(body).then().statusCode(202).extract().path("id");

        JsonNode view = MAPPER.readTree(Requests.get(id).then().statusCode(200).extract().asString());
        assertThat(view.path("config")).isEqualTo(MAPPER.valueToTree(config));
        assertThat(view.path("businesses")).isEqualTo(MAPPER.valueToTree(List.of("sales", "finance")));
        assertThat(keys(view.path("config"))).containsExactly("bucket", "empty_header", "files", "prefix", "skip_before");
        assertThat(keys(view.path("config").path("files").path(0))).containsExactly("file_pattern", "table_name");
    }

    @Test
    void sameKeyWithAnotherBodyIsRefused() {
        String marker = marker();
        String key = "conflict-" + marker;
        asAdmin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body(marker))
                .post("/onboarding-requests").then().statusCode(202);
        Map<String, Object> other = body(marker);
        other.put("tableGroup", "another_group");

        asAdmin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(other)
                .post("/onboarding-requests").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("different request body"));
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
