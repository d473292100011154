package io.gatehouse.onboarding.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.ConnectCardIssued;
import io.gatehouse.events.ConnectorActivated;
import io.gatehouse.events.FailureStage;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.OnboardingFailed;
import io.gatehouse.events.SetupCompleted;
import io.gatehouse.events.TableAdded;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real broker -> HTTP: events of gatehouse.onboarding and gatehouse.catalog move the request and fill its timeline. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class TimelineTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void cardSetupActivationAndTablesShowUp() {
        String id = Requests.create(Requests.marker());
        Instant expiry = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String uri = "http://fivetran.local/connect-card/setup?auth=abc";

        CloudEvent<ConnectCardIssued> issued = send(new ConnectCardIssued(id, "conn_1", uri, expiry, null));
        send(issued); // delivered twice: applied once
        awaitState(id, "CARD_ISSUED");
        Requests.get(id).then()
                .body("connectionId", equalTo("conn_1"))
                .body("connectCard.uri", equalTo(uri))
                .body("connectCard.expiresAt", equalTo(expiry.toString()));

        send(new SetupCompleted(id, "conn_1"));
        awaitState(id, "SETUP_COMPLETED");
        Requests.get(id).then().body("connectCard", nullValue());

        send(new ConnectorActivated(id, "conn_1"));
        send(new TableAdded("RAW", "sales_dbo", "orders", "sales_core", List.of("finance"), "conn_1", id));
        awaitState(id, "ACTIVE");
        await().atMost(WAIT).untilAsserted(() -> Requests.get(id).then().body("tables", contains("RAW.sales_dbo.orders")));

        Requests.get(id).then().body("timeline.type",
                contains("ConnectorRequested", "ConnectCardIssued", "SetupCompleted", "ConnectorActivated"));
    }

    @Test
    void failureIsVisibleWithItsReason() {
        String id = Requests.create(Requests.marker());
        send(new OnboardingFailed(id, null, FailureStage.CREATE_CONNECTION, "NotFound",
                "Destination with id nowhere not found"));

        awaitState(id, "FAILED");
        Requests.get(id).then()
                .body("failure.stage", equalTo("CREATE_CONNECTION"))
                .body("failure.code", equalTo("NotFound"))
                .body("failure.reason", equalTo("Destination with id nowhere not found"))
                .body("timeline[1].detail", equalTo("CREATE_CONNECTION NotFound: Destination with id nowhere not found"));
        Requests.asAdmin().post("/onboarding-requests/" + id + "/connect-card").then()
                .statusCode(409).contentType("application/problem+json");
    }

    @Test
    void expiredCardLinkIsNotShown() {
        String id = Requests.create(Requests.marker());
        send(new ConnectCardIssued(id, "conn_2", "http://fivetran.local/card", Instant.now().minusSeconds(5), null));

        awaitState(id, "CARD_ISSUED");
        Requests.get(id).then().body("connectCard", nullValue());
    }

    @Test
    void reissueAsksTheConnectorServiceForAFreshCard() {
        String id = Requests.create(Requests.marker());

        Requests.asAdmin().post("/onboarding-requests/" + id + "/connect-card").then()
                .statusCode(202)
                .body("id", equalTo(id));

        var record = KafkaEvents.awaitRecord(companion, io.gatehouse.events.Topics.ONBOARDING,
                r -> id.equals(r.key()) && KafkaEvents.header(r, "ce_type").orElse("").equals("gatehouse.ConnectCardRequested.v1"),
                WAIT);
        assertThat(record.value()).isEqualTo("{\"requestId\":\"" + id + "\"}");
        await().atMost(WAIT).untilAsserted(() -> Requests.get(id).then()
                .body("timeline.type", contains("ConnectorRequested", "ConnectCardRequested")));
        Requests.asAdmin().post("/onboarding-requests/no-such-request/connect-card").then()
                .statusCode(404).contentType("application/problem+json");
        Requests.get("no-such-request").then().statusCode(404).contentType("application/problem+json");
    }

    private <T extends GatehouseEvent> CloudEvent<T> send(T data) {
        return send(CloudEvent.of("/tests", data));
    }

    private <T extends GatehouseEvent> CloudEvent<T> send(CloudEvent<T> event) {
        KafkaEvents.send(companion, KafkaEvents.record(event));
        return event;
    }

    private static void awaitState(String id, String state) {
        await().atMost(WAIT).untilAsserted(() -> Requests.get(id).then().statusCode(200).body("state", equalTo(state)));
    }
}
