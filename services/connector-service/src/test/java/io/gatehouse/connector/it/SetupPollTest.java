package io.gatehouse.connector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.connector.domain.ConnectorState;
import io.gatehouse.connector.persistence.ConnectorRequest;
import io.gatehouse.events.ConnectCardRequested;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.SetupCompleted;
import io.gatehouse.events.Topics;
import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real broker + Fivetran sandbox, CARD_ISSUED connections polled for their setup every second: an owner who finished
 * the Connect Card while no SetupCompleted ever came (the return page met a Fivetran outage, or the tab was closed) is
 * activated by the poll, through Fivetran answering 503 meanwhile, and a late SetupCompleted is harmless; a reissued
 * card stays polled; a setup still incomplete changes nothing. No test here ever sends the SetupCompleted that
 * activates.
 */
@QuarkusTest
@TestProfile(SetupPollTest.SetupPolling.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class SetupPollTest {

    /** Setups are polled every second (elsewhere the default setup interval keeps the poll out of the way). */
    public static class SetupPolling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.connector.poll.setup-interval", "1s");
        }
    }

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    MeterRegistry registry;

    @Test
    void aFinishedSetupNobodyReportedIsConfirmedByPollingThroughAFivetranOutage() {
        Flow flow = new Flow(companion);
        ConnectorRequested request = Flow.request();
        JsonNode issued = flow.cardIssued(request);
        String connectionId = issued.path("connectionId").asText();
        double failed = polled("failed");

        // Fivetran answers 503 to every API call for a while (the client tries each read twice): the return page would
        // have said "try again later", and the owner never reloads it.
        FivetranSandboxResource.sandbox().failNext("/v1/.*", 503, 6, null);
        FivetranSandboxResource.sandbox().completeConnectCard(issued.path("connectCardUri").asText(),
                FivetranSandboxResource.CREDENTIAL);

        JsonNode activated = flow.awaitOnboarding(request.requestId(), "ConnectorActivated");
        assertThat(activated.path("connectionId").asText()).isEqualTo(connectionId);
        Flow.awaitState(connectionId, ConnectorState.ACTIVE);
        assertThat(FivetranSandboxResource.sandbox().connection(connectionId).paused()).isFalse();
        assertThat(polled("failed") - failed).isGreaterThanOrEqualTo(1);
        assertThat(polled("confirmed")).isGreaterThanOrEqualTo(1);
        assertThat(flow.all(Topics.ONBOARDING, "OnboardingFailed", request.requestId(), Duration.ofSeconds(1)))
                .isEmpty();
        // No longer polled as a setup: its first sync poll is one (default, long) poll interval ahead.
        assertThat(Flow.poll(request.requestId()).nextPollAt).isAfter(Instant.now().plus(Duration.ofMinutes(10)));

        // The return page's SetupCompleted, late (the owner reloaded it after all): already handled, nothing changes.
        long version = Flow.row(connectionId).version;
        Flow.awaitProcessed(flow.send(new SetupCompleted(request.requestId(), connectionId)));
        assertThat(Flow.row(connectionId).version).isEqualTo(version);
        assertThat(flow.all(Topics.ONBOARDING, "ConnectorActivated", request.requestId(), Duration.ofSeconds(2)))
                .hasSize(1);
    }

    @Test
    void aReissuedCardStaysPolledAndItsSetupIsConfirmed() {
        Flow flow = new Flow(companion);
        ConnectorRequested request = Flow.request();
        flow.cardIssued(request);

        flow.send(new ConnectCardRequested(request.requestId()));
        await().atMost(Flow.WAIT).until(() -> cards(flow, request).size() == 2);
        JsonNode reissued = cards(flow, request).get(1);
        FivetranSandboxResource.sandbox().completeConnectCard(reissued.path("connectCardUri").asText(),
                FivetranSandboxResource.CREDENTIAL);

        flow.awaitOnboarding(request.requestId(), "ConnectorActivated");
        Flow.awaitState(reissued.path("connectionId").asText(), ConnectorState.ACTIVE);
    }

    @Test
    void aPollOfASetupStillIncompleteChangesNothing() {
        Flow flow = new Flow(companion);
        ConnectorRequested request = Flow.request();
        String connectionId = flow.cardIssued(request).path("connectionId").asText();
        ConnectorRequest before = Flow.row(connectionId);
        double noChange = polled("no_change");

        Instant polledAfter = Flow.awaitPolledAfter(request.requestId(), Instant.now());
        Flow.awaitPolledAfter(request.requestId(), polledAfter);

        ConnectorRequest after = Flow.row(connectionId);
        assertThat(after.state).isEqualTo(ConnectorState.CARD_ISSUED);
        assertThat(after.version).isEqualTo(before.version);
        assertThat(after.nextAttemptAt).isNull();
        assertThat(polled("no_change") - noChange).isGreaterThanOrEqualTo(2);
        assertThat(FivetranSandboxResource.sandbox().requestCount("PATCH /v1/connections/" + connectionId)).isZero();
        assertThat(FivetranSandboxResource.sandbox().connection(connectionId).paused()).isTrue();
        assertThat(flow.all(Topics.ONBOARDING, "ConnectorActivated", request.requestId(), Duration.ofSeconds(1)))
                .isEmpty();
    }

    private static List<JsonNode> cards(Flow flow, ConnectorRequested request) {
        return flow.all(Topics.ONBOARDING, "ConnectCardIssued", request.requestId(), Duration.ofSeconds(1));
    }

    private double polled(String outcome) {
        return Flow.counted(registry, "gatehouse.connector.setup.polled", outcome);
    }
}
