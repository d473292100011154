package io.gatehouse.onboarding.rest;

import static io.gatehouse.onboarding.rest.Requests.body;
import static io.gatehouse.onboarding.rest.Requests.marker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.gatehouse.events.Topics;
import io.gatehouse.onboarding.persistence.OnboardingRequest;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP + real broker: a bad request answers 400 problem+json naming every bad field, and stores and publishes nothing. */
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
                        "config.ssh", "config.ssh.private-key", "config.schema"))
                .body("errors.find { it.field == 'config.password' }.message",
                        org.hamcrest.Matchers.containsString("Connect Card"));

        Requests.asOps().queryParam("owner", "ada+" + marker).get("/onboarding-requests").then()
                .statusCode(200).body("total", equalTo(0));
        assertThat(KafkaEvents.recordsWithin(companion, Topics.ONBOARDING,
                r -> r.value().contains("ada+" + marker + "@"), Duration.ofSeconds(3))).isEmpty();
    }

    /** One refused request: the config it sends, the field the 400 must name, and the secret it must not echo. */
    private record Refused(String service, Map<String, Object> config, String field, String secret) {
    }

    private static Refused key(String key) {
        Map<String, Object> config = new HashMap<>(Map.of("host", "sql.example.com", "port", 1433, "database", "sales"));
        config.put(key, "Zq7hunter2");
        return new Refused("sql_server_rds", config, "config." + key, "Zq7hunter2");
    }

    private static Refused value(String key, String secret) {
        Map<String, Object> config = new HashMap<>(Map.of("host", "sql.example.com", "port", 1433, "database", "sales"));
        config.put(key, secret);
        return new Refused("sql_server_rds", config, "config." + key, secret);
    }

    /**
     * Issue 18: each listed secret key and each secret-looking value (at the top and nested in a list of objects) is
     * refused with a 400 naming the field and not echoing the value, and neither Kafka nor the database sees any of them.
     */
    @Test
    void secretKeysAndSecretValuesAreRefusedAndNothingIsStoredOrPublished() {
        List<Refused> cases = List.of(
                key("ssh_key"), key("pass"), key("pat"), key("service_account_key"), key("consumer_key"),
                key("connection_string"),
                value("host", "sqlserver://fivetran:Zq7hunter2@sql.example.com:1433"),
                value("database", "sales;Password=Zq7hunter2"),
                value("user", "fivetran pwd=Zq7hunter2"),
                value("tunnel_host", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"),
                value("tunnel_user", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                value("update_method", "c2cd2eacca30698d541b8194c058dc15"),
                new Refused("s3", Map.of("bucket", "acme-exports", "files",
                        List.of(Map.of("file_pattern", "orders_.*", "table_name", "orders token=Zq7hunter2"))),
                        "config.files[0].table_name", "Zq7hunter2"),
                new Refused("sql_server_rds", Map.of("host", "sql.example.com", "bucket", "acme-exports"),
                        "config.bucket", "acme-exports"));
        List<String> markers = new ArrayList<>();
        for (Refused refused : cases) {
            String marker = marker();
            markers.add(marker);
            Map<String, Object> body = body(marker);
            body.put("service", refused.service());
            body.put("config", refused.config());
            String answer = Requests.post(body).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", containsInAnyOrder(refused.field()))
                    .body("errors[0].message", containsString("Connect Card"))
                    .extract().asString();
            assertThat(answer).as(refused.field()).doesNotContain(refused.secret());
        }

        for (String marker : markers) {
            Requests.asOps().queryParam("owner", "ada+" + marker).get("/onboarding-requests").then()
                    .statusCode(200).body("total", equalTo(0));
        }
        long stored = QuarkusTransaction.requiringNew().call(() -> markers.stream()
                .mapToLong(m -> OnboardingRequest.count("ownerEmail", "ada+" + m + "@example.com"))
                .sum());
        assertThat(stored).isZero();
        assertThat(KafkaEvents.recordsWithin(companion, Topics.ONBOARDING,
                r -> markers.stream().anyMatch(m -> r.value().contains("ada+" + m + "@")) || r.value().contains("Zq7hunter2"),
                Duration.ofSeconds(3))).isEmpty();
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
