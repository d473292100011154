package io.gatehouse.connector.it;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.connector.domain.ConnectorState;
import io.gatehouse.connector.persistence.ConnectorRequest;
import io.gatehouse.events.ConnectorBroken;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.SetupCompleted;
import io.gatehouse.events.SyncCompleted;
import io.gatehouse.events.SyncStatus;
import io.gatehouse.events.Topics;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Real broker + Fivetran sandbox: SetupCompleted unpauses (ConnectorActivated), a successful sync announces
 * each landed table once (TableAdded), ConnectorBroken moves an active request to BROKEN.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class ActivationTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void setupThenSyncAnnouncesTheLandedTables() {
        Flow flow = new Flow(companion);
        ConnectorRequested request = Flow.request();
        String connectionId = cardCompleted(flow, request);

        flow.send(new SetupCompleted(request.requestId(), connectionId));

        JsonNode activated = flow.awaitOnboarding(request.requestId(), "ConnectorActivated");
        assertThat(activated.path("connectionId").asText()).isEqualTo(connectionId);
        assertThat(FivetranSandboxResource.sandbox().connection(connectionId).paused()).isFalse();
        // unpausing a connected connection starts its first sync in the sandbox
        await().atMost(Flow.WAIT).until(() -> !FivetranSandboxResource.sandbox().connection(connectionId).tablesBySchema().isEmpty());

        flow.send(new SyncCompleted(connectionId, FivetranSandboxResource.GROUP, UUID.randomUUID().toString(), SyncStatus.SUCCESSFUL, null));

        // sql_server_rds is a schema_prefix connector: <prefix>_<source schema>, tables by name_in_destination,
        // announced as Snowflake stores Fivetran's unquoted names: upper case
        String prefix = request.schemaName().toUpperCase(Locale.ROOT);
        flow.await(Topics.CATALOG, "RAW." + prefix + "_SALES.INVOICES", "TableAdded");
        List<JsonNode> added = flow.all(Topics.CATALOG, "TableAdded", request.requestId(), Duration.ofSeconds(2));
        assertThat(added).extracting(t -> t.path("schema").asText() + "." + t.path("table").asText())
                .containsExactlyInAnyOrder(prefix + "_DBO.CUSTOMERS", prefix + "_DBO.ORDERS", prefix + "_SALES.INVOICES");
        assertThat(added).allSatisfy(t -> {
            assertThat(t.path("database").asText()).isEqualTo("RAW");
            assertThat(t.path("tableGroup").asText()).isEqualTo("sales_core");
            assertThat(t.path("businesses")).extracting(JsonNode::asText).containsExactly("finance", "sales");
            assertThat(t.path("connectionId").asText()).isEqualTo(connectionId);
        });

        // a later sync that brings nothing new announces nothing
        flow.send(new SyncCompleted(connectionId, FivetranSandboxResource.GROUP, UUID.randomUUID().toString(), SyncStatus.SUCCESSFUL, null));
        assertThat(flow.all(Topics.CATALOG, "TableAdded", request.requestId(), Duration.ofSeconds(3))).hasSize(3);
    }

    @Test
    void aLaterSyncAnnouncesOnlyNewTables() {
        Flow flow = new Flow(companion);
        String service = "test_app_" + UUID.randomUUID().toString().substring(0, 8);
        FivetranSandboxResource.sandbox().settings().catalog().service(service, Map.of("main", List.of("alpha")));
        ConnectorRequested request = Flow.request(service, FivetranSandboxResource.GROUP);
        String connectionId = cardCompleted(flow, request);
        flow.send(new SetupCompleted(request.requestId(), connectionId));
        flow.awaitOnboarding(request.requestId(), "ConnectorActivated");
        await().atMost(Flow.WAIT).until(() -> !FivetranSandboxResource.sandbox().connection(connectionId).tablesBySchema().isEmpty());
        flow.send(new SyncCompleted(connectionId, null, null, SyncStatus.SUCCESSFUL, null));
        String schema = request.schemaName().toUpperCase(Locale.ROOT);
        flow.await(Topics.CATALOG, "RAW." + schema + ".ALPHA", "TableAdded");

        // the source grows a table; Fivetran's schema config picks it up
        FivetranSandboxResource.sandbox().settings().catalog().service(service, Map.of("main", List.of("alpha", "beta")));
        given().auth().preemptive().basic(FivetranSandboxResource.API_KEY, FivetranSandboxResource.API_SECRET)
                .post(FivetranSandboxResource.sandbox().baseUrl() + "/v1/connections/" + connectionId + "/schemas/reload")
                .then().statusCode(200);
        flow.send(new SyncCompleted(connectionId, null, null, SyncStatus.SUCCESSFUL, null));

        flow.await(Topics.CATALOG, "RAW." + schema + ".BETA", "TableAdded");
        assertThat(flow.all(Topics.CATALOG, "TableAdded", request.requestId(), Duration.ofSeconds(2)))
                .extracting(t -> t.path("table").asText()).containsExactlyInAnyOrder("ALPHA", "BETA");
    }

    /** A break may heal: the request waits in BROKEN and the onboarding is not failed (see BrokenConnectionTest). */
    @Test
    void failedSyncAnnouncesNothingAndBrokenConnectorWaitsInBroken() {
        Flow flow = new Flow(companion);
        ConnectorRequested request = Flow.request();
        String connectionId = cardCompleted(flow, request);
        flow.send(new SetupCompleted(request.requestId(), connectionId));
        flow.awaitOnboarding(request.requestId(), "ConnectorActivated");

        flow.send(new SyncCompleted(connectionId, null, null, SyncStatus.FAILED, "source unreachable"));
        flow.send(new ConnectorBroken(connectionId, FivetranSandboxResource.GROUP, "connection_failure", "Invalid login credentials"));

        await().atMost(Flow.WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> ConnectorRequest.byConnection(connectionId)
                .map(r -> r.state == ConnectorState.BROKEN && r.lastError.contains("Invalid login credentials")).orElse(false)));
        assertThat(flow.all(Topics.ONBOARDING, "OnboardingFailed", request.requestId(), Duration.ofSeconds(1))).isEmpty();
        assertThat(flow.all(Topics.CATALOG, "TableAdded", request.requestId(), Duration.ofSeconds(1))).isEmpty();
    }

    /** A failed setup test while the owner is still in the card is not the end: they fix it and come back. */
    @Test
    void brokenBeforeSetupDoesNotFailTheRequest() {
        Flow flow = new Flow(companion);
        ConnectorRequested request = Flow.request();
        flow.send(request);
        String connectionId = flow.awaitOnboarding(request.requestId(), "ConnectCardIssued").path("connectionId").asText();
        flow.send(new ConnectorBroken(connectionId, FivetranSandboxResource.GROUP, "connection_failure", "Invalid login credentials"));
        // the two events travel on different topics: let the failure land first, kept as the last error
        await().atMost(Flow.WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> ConnectorRequest.byConnection(connectionId)
                .map(r -> r.lastError != null && r.lastError.contains("Invalid login credentials")).orElse(false)));

        flow.send(new SetupCompleted(request.requestId(), connectionId));
        flow.awaitOnboarding(request.requestId(), "ConnectorActivated");
        assertThat(flow.all(Topics.ONBOARDING, "OnboardingFailed", request.requestId(), Duration.ofSeconds(1))).isEmpty();
    }

    /** Request -> card -> the owner completes it in the sandbox (as a browser would). */
    private static String cardCompleted(Flow flow, ConnectorRequested request) {
        flow.send(request);
        JsonNode issued = flow.awaitOnboarding(request.requestId(), "ConnectCardIssued");
        FivetranSandboxResource.sandbox().completeConnectCard(issued.path("connectCardUri").asText(), FivetranSandboxResource.CREDENTIAL);
        return issued.path("connectionId").asText();
    }
}
