package io.gatehouse.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.connector.domain.ConnectorState;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.ReactivationRequested;
import io.gatehouse.events.SetupCompleted;
import io.gatehouse.events.Topics;
import io.gatehouse.fivetran.client.FivetranClient;
import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Real broker + Fivetran sandbox: an operator's ReactivationRequested has the connection read from Fivetran. Connected,
 * a BROKEN (or FAILED) request is unpaused if need be and ACTIVE again (ConnectorRecovered, signal reactivation), through
 * Fivetran failing meanwhile; not connected, it waits in BROKEN with the setup state as its last error. Refused (and
 * Fivetran left alone) for an ACTIVE request.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class ReactivationTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    FivetranClient fivetran;

    @Test
    void brokenAndPausedIsUnpausedAndActiveAgainThroughFivetranOutages() {
        Flow flow = new Flow(companion);
        String service = Flow.newService("alpha");
        ConnectorRequested request = Flow.request(service);
        String connectionId = flow.activeWithTableAnnounced(request, "ALPHA");

        // ACTIVE: nothing to bring back; Fivetran is not even asked.
        long reads = connectionReads(connectionId);
        long version = Flow.row(connectionId).version;
        Flow.awaitProcessed(flow.send(new ReactivationRequested(request.requestId(), "too early")));
        assertThat(Flow.row(connectionId).version).isEqualTo(version);
        assertThat(connectionReads(connectionId)).isEqualTo(reads);

        flow.connectionFailure(connectionId, "Invalid login credentials");
        flow.awaitOnboarding(request.requestId(), "ConnectorInterrupted");
        Flow.awaitState(connectionId, ConnectorState.BROKEN);
        // Meanwhile someone paused the connection in Fivetran, and the source grew a table.
        fivetran.pause(connectionId);
        Flow.sourceGrows(service, connectionId, "alpha", "beta");
        // Fivetran is away for the first two attempts of the reactivation (each call is tried twice by the client).
        FivetranSandboxResource.sandbox().failNext("GET /v1/connections/" + connectionId, 503, 4, null);

        flow.send(new ReactivationRequested(request.requestId(), "the owner fixed the password"));

        JsonNode recovered = flow.awaitOnboarding(request.requestId(), "ConnectorRecovered");
        assertThat(recovered.path("signal").asText()).isEqualTo("reactivation");
        assertThat(recovered.path("connectionId").asText()).isEqualTo(connectionId);
        flow.awaitTable(request, "BETA");
        Flow.awaitState(connectionId, ConnectorState.ACTIVE);
        assertThat(FivetranSandboxResource.sandbox().connection(connectionId).paused()).isFalse();
        assertThat(connectionReads(connectionId) - reads).isGreaterThanOrEqualTo(5);
        assertThat(flow.all(Topics.ONBOARDING, "OnboardingFailed", request.requestId(), Duration.ofSeconds(1)))
                .isEmpty();
    }

    @Test
    void failedWithTheSetupNeverFinishedWaitsInBrokenUntilTheOwnerFinishes() {
        Flow flow = new Flow(companion);
        ConnectorRequested request = Flow.request();
        JsonNode issued = flow.cardIssued(request);
        String connectionId = issued.path("connectionId").asText();
        // The activation is refused for good: the onboarding fails, with a connection known.
        FivetranSandboxResource.sandbox().failNext("PATCH /v1/connections/" + connectionId, 400, 1, null);
        flow.send(new SetupCompleted(request.requestId(), connectionId));
        flow.awaitOnboarding(request.requestId(), "OnboardingFailed");
        Flow.awaitState(connectionId, ConnectorState.FAILED);

        // The owner never finished the Connect Card: Fivetran says so, and the request waits in BROKEN.
        flow.send(new ReactivationRequested(request.requestId(), null));

        JsonNode interrupted = flow.awaitOnboarding(request.requestId(), "ConnectorInterrupted");
        assertThat(interrupted.path("reason").asText()).isEqualTo("setup_state incomplete");
        Flow.awaitState(connectionId, ConnectorState.BROKEN);
        assertThat(Flow.row(connectionId).lastError).isEqualTo("setup_state incomplete");

        // The owner finishes it; the next reactivation unpauses the connection and the request is ACTIVE.
        FivetranSandboxResource.sandbox().completeConnectCard(issued.path("connectCardUri").asText(),
                FivetranSandboxResource.CREDENTIAL);
        flow.send(new ReactivationRequested(request.requestId(), "setup finished"));

        assertThat(flow.awaitOnboarding(request.requestId(), "ConnectorRecovered").path("signal").asText())
                .isEqualTo("reactivation");
        Flow.awaitState(connectionId, ConnectorState.ACTIVE);
        assertThat(FivetranSandboxResource.sandbox().connection(connectionId).paused()).isFalse();
        assertThat(flow.all(Topics.ONBOARDING, "ConnectorInterrupted", request.requestId(), Duration.ofSeconds(1)))
                .hasSize(1);
    }

    private static long connectionReads(String connectionId) {
        return FivetranSandboxResource.sandbox().requestCount("GET /v1/connections/" + connectionId);
    }
}
