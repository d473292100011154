package io.gatehouse.connector.it;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.Topics;
import io.gatehouse.connectcard.RedirectState;
import io.gatehouse.fivetran.sandbox.SandboxConnection;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.gatehouse.fivetran.client.FivetranClient;
import io.gatehouse.fivetran.client.model.CreateConnection;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real broker + Fivetran sandbox: ConnectorRequested -> one paused connection -> ConnectCardIssued, whatever happens twice. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class CreateConnectionTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    FivetranClient fivetran;
    @ConfigProperty(name = "gatehouse.connect-card.state-key")
    String stateKey;
    @ConfigProperty(name = "gatehouse.connector.return-url")
    String returnUrl;

    private Flow flow;

    @BeforeEach
    void setUp() {
        flow = new Flow(companion);
    }

    @Test
    void requestGetsAPausedConnectionAndACardThatOpens() throws Exception {
        ConnectorRequested request = Flow.request();
        Instant before = Instant.now();
        flow.send(request);

        JsonNode issued = flow.awaitOnboarding(request.requestId(), "ConnectCardIssued");
        List<SandboxConnection> connections = Flow.connectionsWithSchema(request.schemaName());
        assertThat(connections).hasSize(1);
        SandboxConnection connection = connections.get(0);
        assertThat(issued.path("connectionId").asText()).isEqualTo(connection.id());
        assertThat(issued.path("connectCardUri").asText()).isEqualTo(connection.connectCardUri());
        assertThat(Instant.parse(issued.path("expiresAt").asText()))
                .isBetween(before.plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        assertThat(connection.paused()).isTrue();
        assertThat(connection.service()).isEqualTo("sql_server_rds");
        assertThat(connection.groupId()).isEqualTo(FivetranSandboxResource.GROUP);

        // the redirect carries a signed state that binds the request, and nothing else from us
        assertThat(connection.redirectUri()).startsWith(returnUrl + "?state=");
        String state = connection.redirectUri().substring((returnUrl + "?state=").length());
        assertThat(new RedirectState(stateKey).verify(state).requestId()).isEqualTo(request.requestId());

        // the link opens the sandbox's card, and completing it returns the browser to our return URL
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(issued.path("connectCardUri").asText())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String location = FivetranSandboxResource.sandbox().completeConnectCard(issued.path("connectCardUri").asText(),
                FivetranSandboxResource.CREDENTIAL);
        assertThat(location).startsWith(returnUrl + "?state=");
    }

    @Test
    void duplicateDeliveryLeavesOneConnection() {
        ConnectorRequested request = Flow.request();
        int createsBefore = FivetranSandboxResource.sandbox().createCount();
        CloudEvent<ConnectorRequested> event = CloudEvent.of("/tests", request);
        flow.send(event);
        flow.send(event);                              // the same record again (at-least-once)
        flow.send(CloudEvent.of("/tests", request));   // the same request re-published under a new event id

        flow.awaitOnboarding(request.requestId(), "ConnectCardIssued");
        assertThat(flow.all(Topics.ONBOARDING, "ConnectCardIssued", request.requestId(), Duration.ofSeconds(3)))
                .hasSize(1);
        assertThat(Flow.connectionsWithSchema(request.schemaName())).hasSize(1);
        assertThat(FivetranSandboxResource.sandbox().createCount() - createsBefore).isEqualTo(1);
    }

    @Test
    void crashAfterTheFivetranCallLeavesOneConnection() {
        ConnectorRequested request = Flow.request();
        int createsBefore = FivetranSandboxResource.sandbox().createCount();
        CrashAfterCreate.arm(request.requestId());
        flow.send(request);

        JsonNode issued = flow.awaitOnboarding(request.requestId(), "ConnectCardIssued");
        assertThat(CrashAfterCreate.fired(request.requestId())).isTrue();
        assertThat(Flow.connectionsWithSchema(request.schemaName())).hasSize(1);
        assertThat(issued.path("connectionId").asText())
                .isEqualTo(Flow.connectionsWithSchema(request.schemaName()).get(0).id());
        assertThat(FivetranSandboxResource.sandbox().createCount() - createsBefore).isEqualTo(1);
    }

    @Test
    void aConnectionAlreadyHoldingTheSchemaIsAdopted() {
        ConnectorRequested request = Flow.request();
        // Fivetran already has the connection (say our commit was lost with a database restored from backup)
        String existing = fivetran.createConnection(new CreateConnection(request.groupId(), request.service(), true, false,
                Map.of("schema_prefix", request.schemaName()), null)).id();
        int createsBefore = FivetranSandboxResource.sandbox().createCount();

        flow.send(request);

        JsonNode issued = flow.awaitOnboarding(request.requestId(), "ConnectCardIssued");
        assertThat(issued.path("connectionId").asText()).isEqualTo(existing);
        assertThat(issued.path("connectCardUri").asText()).isNotBlank();
        assertThat(FivetranSandboxResource.sandbox().createCount()).isEqualTo(createsBefore);
        assertThat(Flow.connectionsWithSchema(request.schemaName())).hasSize(1);
    }

    @Test
    void anotherRequestForATakenSchemaFailsInsteadOfSharingTheConnection() {
        ConnectorRequested first = Flow.request();
        flow.send(first);
        String connectionId = flow.awaitOnboarding(first.requestId(), "ConnectCardIssued").path("connectionId").asText();

        ConnectorRequested second = new ConnectorRequested(UUID.randomUUID().toString(), first.service(),
                first.groupId(), first.schemaName(), first.config(), first.owner(), first.tableGroup(), first.businesses());
        flow.send(second);

        JsonNode failed = flow.awaitOnboarding(second.requestId(), "OnboardingFailed");
        assertThat(failed.path("code").asText()).isEqualTo("Conflict");
        assertThat(failed.path("reason").asText()).contains(connectionId, first.requestId());
        assertThat(Flow.connectionsWithSchema(first.schemaName())).hasSize(1);
    }

    /** Every card, the first and each reissue, carries the owner link: our open URL with a token for the request. */
    @Test
    void reissueRegeneratesTheCardOfTheSameConnectionEachWithAnOwnerLink() {
        ConnectorRequested request = Flow.request();
        flow.send(request);
        JsonNode first = flow.awaitOnboarding(request.requestId(), "ConnectCardIssued");

        flow.send(new io.gatehouse.events.ConnectCardRequested(request.requestId()));

        await().atMost(Flow.WAIT).until(() -> flow.all(Topics.ONBOARDING, "ConnectCardIssued", request.requestId(),
                Duration.ofSeconds(1)).size() == 2);
        JsonNode second = flow.all(Topics.ONBOARDING, "ConnectCardIssued", request.requestId(), Duration.ofSeconds(1)).get(1);
        assertThat(second.path("connectionId").asText()).isEqualTo(first.path("connectionId").asText());
        assertThat(second.path("connectCardUri").asText()).isNotEqualTo(first.path("connectCardUri").asText());
        assertThat(Flow.connectionsWithSchema(request.schemaName())).hasSize(1);
        assertOwnerLink(first, request.requestId());
        assertOwnerLink(second, request.requestId());
    }

    /** The open URL is derived from the return URL (none configured in tests); the token verifies as an owner link only. */
    private void assertOwnerLink(JsonNode issued, String requestId) {
        String prefix = returnUrl.replaceFirst("/return$", "/open") + "?token=";
        String link = issued.path("ownerLink").asText();
        assertThat(link).startsWith(prefix);
        String token = URLDecoder.decode(link.substring(prefix.length()), StandardCharsets.UTF_8);
        RedirectState signer = new RedirectState(stateKey);
        assertThat(signer.verifyOwnerLink(token).requestId()).isEqualTo(requestId);
        assertThat(signer.verify(token).valid()).isFalse();
    }
}
