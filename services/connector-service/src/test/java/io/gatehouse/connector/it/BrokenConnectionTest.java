package io.gatehouse.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.connector.domain.ConnectorState;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.SyncCompleted;
import io.gatehouse.events.SyncStatus;
import io.gatehouse.events.Topics;
import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Real broker + Fivetran sandbox: a broken connection recovers with its next successful sync and announces what landed
 * meanwhile; Fivetran refusing our API key while the schema is read is retried and counted, never a failed onboarding.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class BrokenConnectionTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    MeterRegistry registry;

    @Test
    void brokenThenASuccessfulSyncIsActiveAgainAndAnnouncesTheNewTables() {
        Flow flow = new Flow(companion);
        String service = Flow.newService("alpha");
        ConnectorRequested request = Flow.request(service);
        String connectionId = flow.activeWithTableAnnounced(request, "ALPHA");

        // The sandbox sends no connection_failure webhook: the webhook-receiver's event is published directly.
        flow.connectionFailure(connectionId, "Invalid login credentials");
        Flow.awaitState(connectionId, ConnectorState.BROKEN);
        assertThat(flow.awaitOnboarding(request.requestId(), "ConnectorInterrupted").path("reason").asText())
                .isEqualTo("connection_failure: Invalid login credentials");

        // While broken the source grew a table; the owner fixes the credentials and Fivetran syncs again.
        Flow.sourceGrows(service, connectionId, "alpha", "beta");
        flow.send(new SyncCompleted(connectionId, FivetranSandboxResource.GROUP, UUID.randomUUID().toString(),
                SyncStatus.SUCCESSFUL, null));

        flow.awaitTable(request, "BETA");
        Flow.awaitState(connectionId, ConnectorState.ACTIVE);
        assertThat(flow.awaitOnboarding(request.requestId(), "ConnectorRecovered").path("signal").asText())
                .isEqualTo("sync_end");
        assertThat(flow.all(Topics.CATALOG, "TableAdded", request.requestId(), Duration.ofSeconds(2)))
                .extracting(t -> t.path("table").asText()).containsExactlyInAnyOrder("ALPHA", "BETA");
        assertThat(flow.all(Topics.ONBOARDING, "OnboardingFailed", request.requestId(), Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void ourApiKeyRefusedWhileReadingTheSchemaIsRetriedAndCounted() {
        Flow flow = new Flow(companion);
        ConnectorRequested request = Flow.request(Flow.newService("gamma"));
        String connectionId = flow.activated(request);
        double before = unauthorized();
        FivetranSandboxResource.sandbox().failNext("GET /v1/connections/" + connectionId + "/schemas", 401, 1, null);
        FivetranSandboxResource.sandbox().failNext("GET /v1/connections/" + connectionId + "/schemas", 403, 1, null);

        flow.send(new SyncCompleted(connectionId, null, null, SyncStatus.SUCCESSFUL, null));

        flow.awaitTable(request, "GAMMA");
        assertThat(unauthorized() - before).isEqualTo(2);
        Flow.awaitState(connectionId, ConnectorState.ACTIVE);
        assertThat(flow.all(Topics.ONBOARDING, "OnboardingFailed", request.requestId(), Duration.ofSeconds(1))).isEmpty();
    }


    private double unauthorized() {
        return registry.find("gatehouse.connector.fivetran.unauthorized").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
