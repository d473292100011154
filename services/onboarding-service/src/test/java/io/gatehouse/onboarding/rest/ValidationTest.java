package io.gatehouse.onboarding.rest;

import static io.gatehouse.onboarding.rest.Requests.body;
import static io.gatehouse.onboarding.rest.Requests.marker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP + real broker: a bad request answers 400 problem+json naming every bad field, and publishes nothing. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class ValidationTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    /** An oversized body is refused at the door: its event could never fit a Kafka record. */
    @Test
    void oversizedBodyIsRefused() {
        Map<String, Object> body = new java.util.HashMap<>(Requests.body(Requests.marker()));
        body.put("config", Map.of("note", "x".repeat(300 * 1024)));
        Requests.post(body).then().statusCode(413);
    }

    @Test
    void everyMissingFieldIsNamed() {
        Requests.post(Map.of()).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItems("service", "groupId", "schemaName", "config", "owner", "tableGroup",
                        "businesses"));
    }

    @Test
    void badValuesAreNamedWithTheirPath() {
        Map<String, Object> body = body(marker());
        body.put("owner", Map.of("name", "", "email", "not-an-email"));
        body.put("businesses", List.of("finance", " "));
        body.put("schemaName", "Sales Schema");
        body.put("service", "SQL Server");

        Requests.post(body).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("owner.name", "owner.email", "businesses[1]", "schemaName", "service"));
    }

    /** The grant-service's role-name rule (libs/naming), applied at intake rather than dead-lettered at the end. */
    @Test
    void namesNoRoleCanCarryAreRefusedAtIntake() {
        String marker = marker();
        Map<String, Object> body = body(marker);
        body.put("tableGroup", "sales'core");
        body.put("businesses", List.of("finance", "zoë", "fin;ance"));
        body.put("schemaName", "names_" + marker);

        Requests.post(body).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("tableGroup", "businesses[1]", "businesses[2]"));
        assertThat(KafkaEvents.recordsWithin(companion, Topics.ONBOARDING,
                r -> r.value().contains("names_" + marker), Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void credentialsInConfigAreRefusedAndNothingIsPublished() {
        String marker = marker();
        Map<String, Object> body = body(marker);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = new HashMap<>((Map<String, Object>) body.get("config"));
        config.put("password", "hunter2");
        config.put("API_KEY", "k");
        config.put("clientSecret", "s");
        config.put("ssh", Map.of("host", "bastion", "private-key", "-----BEGIN"));
        config.put("schema", "elsewhere");
        body.put("config", config);

        Requests.post(body).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("config.password", "config.API_KEY", "config.clientSecret",
                        "config.ssh.private-key", "config.schema"))
                .body("errors.find { it.field == 'config.password' }.message",
                        org.hamcrest.Matchers.containsString("Connect Card"));

        Requests.asOps().queryParam("owner", "ada+" + marker).get("/onboarding-requests").then()
                .statusCode(200).body("total", equalTo(0));
        assertThat(KafkaEvents.recordsWithin(companion, Topics.ONBOARDING,
                r -> r.value().contains("ada+" + marker + "@"), Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void notJsonIsAProblemToo() {
        Requests.asAdmin().contentType(ContentType.JSON).body("{\"service\": ").post("/onboarding-requests").then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void listParametersAreChecked() {
        Requests.asOps().queryParam("state", "SLEEPING").queryParam("size", 1000).queryParam("page", -1)
                .get("/onboarding-requests").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("state", "size", "page"));
    }
}
