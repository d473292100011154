package io.gatehouse.onboarding.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.ConnectCardIssued;
import io.gatehouse.events.ConnectorActivated;
import io.gatehouse.events.ConnectorInterrupted;
import io.gatehouse.events.ConnectorRecovered;
import io.gatehouse.events.FailureStage;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.OnboardingFailed;
import io.gatehouse.events.SetupCompleted;
import io.gatehouse.events.Topics;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real broker -> HTTP -> real broker: a running connection breaks (BROKEN), an operator asks for its reactivation
 * (ReactivationRequested on gatehouse.onboarding), and it recovers (ACTIVE again); refusals come as problem+json.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class ReactivationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String REACTIVATION_REQUESTED = "gatehouse.ReactivationRequested.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void brokenConnectionIsReactivatedAndRecovers() throws Exception {
        String id = activeRequest();
        reactivate(id, Map.of("reason", "x")).statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("Request " + id + " is ACTIVE: only a BROKEN or FAILED request can be reactivated."));

        send(new ConnectorInterrupted(id, "conn_1", "Cannot connect to host sql.example.com"));
        awaitState(id, "BROKEN");
        Requests.get(id).then().body("timeline[-1].type", equalTo("ConnectorInterrupted"))
                .body("timeline[-1].detail", equalTo("connection conn_1 broke: Cannot connect to host sql.example.com"));

        reactivate(id, Map.of("reason", "  Firewall rule fixed  ")).statusCode(202)
                .body("id", equalTo(id)).body("state", equalTo("BROKEN"))
                .header("Location", endsWith("/onboarding-requests/" + id));
        JsonNode asked = JSON.readTree(KafkaEvents.awaitRecord(companion, Topics.ONBOARDING, r -> id.equals(r.key())
                && REACTIVATION_REQUESTED.equals(KafkaEvents.header(r, "ce_type").orElse("")), WAIT).value());
        assertThat(asked.path("requestId").asText()).isEqualTo(id);
        assertThat(asked.path("reason").asText()).isEqualTo("Firewall rule fixed");
        Requests.get(id).then().body("state", equalTo("BROKEN"))
                .body("timeline[-1].type", equalTo("ReactivationRequested"))
                .body("timeline[-1].detail", equalTo("reactivation requested by platform-team@example.com: Firewall rule fixed"));

        send(new ConnectorRecovered(id, "conn_1", "connection_successful"));
        awaitState(id, "ACTIVE");
        Requests.get(id).then().body("timeline.type", contains("ConnectorRequested", "ConnectCardIssued", "SetupCompleted",
                        "ConnectorActivated", "ConnectorInterrupted", "ReactivationRequested", "ConnectorRecovered"))
                .body("timeline[-1].detail", equalTo("connection conn_1 runs again: connection_successful"));
        reactivate(id, null).statusCode(409);
    }

    @Test
    void failedRequestIsReactivatedWithoutABodyAndItsFailureClearsOnRecovery() throws Exception {
        String id = Requests.create(Requests.marker());
        send(new OnboardingFailed(id, "conn_9", FailureStage.ACTIVATION, null, "Unpause refused"));
        awaitState(id, "FAILED");

        Requests.asAdmin().post("/onboarding-requests/" + id + "/reactivation").then().statusCode(202);
        JsonNode asked = JSON.readTree(KafkaEvents.awaitRecord(companion, Topics.ONBOARDING, r -> id.equals(r.key())
                && REACTIVATION_REQUESTED.equals(KafkaEvents.header(r, "ce_type").orElse("")), WAIT).value());
        assertThat(asked.path("reason").isMissingNode() || asked.path("reason").isNull()).isTrue();

        send(new ConnectorRecovered(id, "conn_9", "sync_end"));
        awaitState(id, "ACTIVE");
        Requests.get(id).then().body("failure", nullValue())
                .body("timeline.detail", hasItem("reactivation requested by platform-team@example.com"));
    }

    @Test
    void refusalsAreProblems() {
        String id = Requests.create(Requests.marker());

        reactivate("no-such-request", null).statusCode(404).contentType("application/problem+json");
        reactivate(id, null).statusCode(409).contentType("application/problem+json");
        reactivate(id, Map.of("reason", "r".repeat(501))).statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("reason"));
        Requests.asAdmin().contentType(ContentType.JSON).body("{\"reason\": ").post("/onboarding-requests/" + id + "/reactivation")
                .then().statusCode(400).contentType("application/problem+json");
        Requests.asOps().contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/onboarding-requests/" + id + "/reactivation").then().statusCode(403);
    }

    @Test
    void ownerLinkIsTheLinkToHandOutWhileTheSetupIsOpen() {
        String id = Requests.create(Requests.marker());
        String ownerLink = "https://gatehouse.example/connect-card/open?token=o1." + id + ".1900000000.mac";
        send(new ConnectCardIssued(id, "conn_3", "https://fivetran.local/card/1", Instant.now().minusSeconds(5), ownerLink));
        awaitState(id, "CARD_ISSUED");
        // Fivetran's card expired; the owner link still leads to a fresh one.
        Requests.get(id).then().body("ownerLink", equalTo(ownerLink)).body("connectCard", nullValue());

        // A card from a producer that sends no owner link keeps the last one.
        send(new ConnectCardIssued(id, "conn_3", "https://fivetran.local/card/2", Instant.now().plusSeconds(3600), null));
        await().atMost(WAIT).untilAsserted(() -> Requests.get(id).then()
                .body("connectCard.uri", equalTo("https://fivetran.local/card/2")).body("ownerLink", equalTo(ownerLink)));

        send(new SetupCompleted(id, "conn_3"));
        awaitState(id, "SETUP_COMPLETED");
        Requests.get(id).then().body("ownerLink", nullValue());
    }

    private String activeRequest() {
        String id = Requests.create(Requests.marker());
        send(new ConnectCardIssued(id, "conn_1", "https://fivetran.local/card", Instant.now().plusSeconds(3600), null));
        send(new SetupCompleted(id, "conn_1"));
        send(new ConnectorActivated(id, "conn_1"));
        awaitState(id, "ACTIVE");
        return id;
    }

    private static ValidatableResponse reactivate(String id, Map<String, Object> body) {
        var request = Requests.asAdmin();
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.post("/onboarding-requests/" + id + "/reactivation").then();
    }

    private <T extends GatehouseEvent> void send(T data) {
        KafkaEvents.send(companion, KafkaEvents.record(CloudEvent.of("/tests", data)));
    }

    private static void awaitState(String id, String state) {
        await().atMost(WAIT).untilAsserted(() -> Requests.get(id).then().statusCode(200).body("state", equalTo(state)));
    }
}
