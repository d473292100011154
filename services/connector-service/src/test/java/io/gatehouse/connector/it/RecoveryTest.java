package io.gatehouse.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.connector.domain.ConnectorState;
import io.gatehouse.events.ConnectorHealthy;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.Topics;
import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Real broker + Fivetran sandbox: a break is told to the onboarding timeline once (ConnectorInterrupted), and
 * Fivetran's {@code connection_successful} (ConnectorHealthy) brings a BROKEN request back: ConnectorRecovered, ACTIVE,
 * and what landed meanwhile announced. ConnectorHealthy for a request that is not broken changes nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class RecoveryTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void brokenIsInterruptedOnceAndConnectionSuccessfulRecoversAnnouncingTheNewTables() {
        Flow flow = new Flow(companion);
        String service = Flow.newService("alpha");
        ConnectorRequested request = Flow.request(service);
        String connectionId = flow.activeWithTableAnnounced(request, "ALPHA");

        // Two failure webhooks for one break: the timeline hears of it once.
        flow.connectionFailure(connectionId, "Invalid login credentials");
        flow.connectionFailure(connectionId, "Host unreachable");
        Flow.awaitState(connectionId, ConnectorState.BROKEN);
        assertThat(flow.awaitOnboarding(request.requestId(), "ConnectorInterrupted").path("connectionId").asText())
                .isEqualTo(connectionId);

        // While broken the source grew a table; the owner fixes the source and Fivetran's setup tests pass again.
        Flow.sourceGrows(service, connectionId, "alpha", "beta");
        flow.send(new ConnectorHealthy(connectionId, FivetranSandboxResource.GROUP, "connection_successful"));

        assertThat(flow.awaitOnboarding(request.requestId(), "ConnectorRecovered").path("signal").asText())
                .isEqualTo("connection_successful");
        flow.awaitTable(request, "BETA");
        Flow.awaitState(connectionId, ConnectorState.ACTIVE);
        assertThat(flow.all(Topics.ONBOARDING, "ConnectorInterrupted", request.requestId(), Duration.ofSeconds(1)))
                .hasSize(1);
        assertThat(flow.all(Topics.CATALOG, "TableAdded", request.requestId(), Duration.ofSeconds(1)))
                .extracting(t -> t.path("table").asText()).containsExactlyInAnyOrder("ALPHA", "BETA");
        assertThat(Flow.row(connectionId).lastError).isNull();
    }

    /** Nothing to heal: an active request stays as it is, and the timeline hears nothing. */
    @Test
    void connectionSuccessfulWhileActiveChangesNothing() {
        Flow flow = new Flow(companion);
        ConnectorRequested request = Flow.request(Flow.newService("kappa"));
        String connectionId = flow.activeWithTableAnnounced(request, "KAPPA");
        long version = Flow.row(connectionId).version;

        Flow.awaitProcessed(flow.send(new ConnectorHealthy(connectionId, null, "connection_successful")));

        assertThat(flow.all(Topics.ONBOARDING, "ConnectorRecovered", request.requestId(), Duration.ofSeconds(1)))
                .isEmpty();
        assertThat(Flow.row(connectionId).state).isEqualTo(ConnectorState.ACTIVE);
        assertThat(Flow.row(connectionId).version).isEqualTo(version);
    }
}
