package io.gatehouse.connector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.connector.domain.ConnectorState;
import io.gatehouse.connector.persistence.ConnectorRequest;
import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.SyncCompleted;
import io.gatehouse.events.SyncStatus;
import io.gatehouse.events.Topics;
import io.gatehouse.fivetran.client.FivetranClient;
import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real broker + Fivetran sandbox, connections polled every second: a sync whose sync_end never arrived is caught by
 * the next poll (its new tables announced), a poll that sees no newer success reads and announces nothing, and a
 * failed poll is only counted and retried. The sandbox has no webhook registered here, so no sync_end ever arrives:
 * a SyncCompleted exists only where a test publishes one.
 */
@QuarkusTest
@TestProfile(SyncPollTest.Polling.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class SyncPollTest {

    /** Connections are polled every second (elsewhere the default interval keeps the poll out of the way). */
    public static class Polling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.connector.poll.interval", "1s");
        }
    }

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    FivetranClient fivetran;
    @Inject
    MeterRegistry registry;

    @Test
    void aSyncEndThatNeverArrivedIsCaughtByTheNextPoll() {
        Flow flow = new Flow(companion);
        String service = Flow.newService("alpha");
        ConnectorRequested request = Flow.request(service);
        String connectionId = flow.activated(request);
        String schema = request.schemaName().toUpperCase(Locale.ROOT);

        // The first sync (started by the unpause) is announced although no SyncCompleted came: a poll saw it.
        flow.await(Topics.CATALOG, "RAW." + schema + ".ALPHA", "TableAdded");
        Instant first = succeededAt(connectionId);
        Flow.awaitPoll(request.requestId(), p -> first.equals(p.lastSuccessAt));
        double newSyncs = polled("new_sync");

        // The source grows a table and Fivetran syncs it; its sync_end is lost on the way.
        Flow.sourceGrows(service, connectionId, "alpha", "beta");
        fivetran.syncNow(connectionId);
        await().atMost(Flow.WAIT).until(() -> succeededAt(connectionId).isAfter(first));

        flow.await(Topics.CATALOG, "RAW." + schema + ".BETA", "TableAdded");
        assertThat(flow.all(Topics.CATALOG, "TableAdded", request.requestId(), Duration.ofSeconds(2)))
                .extracting(t -> t.path("table").asText()).containsExactlyInAnyOrder("ALPHA", "BETA");
        assertThat(polled("new_sync") - newSyncs).isGreaterThanOrEqualTo(1);
        Instant second = succeededAt(connectionId);
        Flow.awaitPoll(request.requestId(), p -> second.equals(p.lastSuccessAt));
        assertThat(flow.all(Topics.FIVETRAN, "SyncCompleted", connectionId, Duration.ofSeconds(1))).isEmpty();
        assertThat(state(connectionId)).isEqualTo(ConnectorState.ACTIVE);
    }

    @Test
    void aPollSeeingNoNewerSuccessReadsAndAnnouncesNothing() {
        Flow flow = new Flow(companion);
        ConnectorRequested request = Flow.request(Flow.newService("delta"));
        String connectionId = activeWithSyncCompleted(flow, request, "DELTA");
        long schemaReads = schemaReads(connectionId);
        double noChange = polled("no_change");

        Instant polledAfter = Flow.awaitPolledAfter(request.requestId(), Instant.now());
        Flow.awaitPolledAfter(request.requestId(), polledAfter);

        assertThat(schemaReads(connectionId)).isEqualTo(schemaReads);
        assertThat(polled("no_change") - noChange).isGreaterThanOrEqualTo(2);
        assertThat(flow.all(Topics.CATALOG, "TableAdded", request.requestId(), Duration.ofSeconds(1)))
                .extracting(t -> t.path("table").asText()).containsExactly("DELTA");
        assertThat(state(connectionId)).isEqualTo(ConnectorState.ACTIVE);
    }

    @Test
    void aFailedPollIsCountedAndRetriedAtTheNextPollNeverFailingTheRequest() {
        Flow flow = new Flow(companion);
        ConnectorRequested request = Flow.request(Flow.newService("omega"));
        String connectionId = activeWithSyncCompleted(flow, request, "OMEGA");
        double failed = polled("failed");

        // both attempts of one read (the client retries once in the call)
        FivetranSandboxResource.sandbox().failNext("GET /v1/connections/" + connectionId, 503, 2, null);
        await().atMost(Flow.WAIT).until(() -> polled("failed") > failed);
        Flow.awaitPolledAfter(request.requestId(), Instant.now());

        assertThat(state(connectionId)).isEqualTo(ConnectorState.ACTIVE);
        assertThat(flow.all(Topics.ONBOARDING, "OnboardingFailed", request.requestId(), Duration.ofSeconds(1))).isEmpty();
    }


    /**
     * Active, the first sync's SyncCompleted arrived (its time recorded as the last success seen) and its table
     * announced; nothing is left due, so any later schema read would be the poll's doing.
     */
    private String activeWithSyncCompleted(Flow flow, ConnectorRequested request, String table) {
        String connectionId = flow.activated(request);
        CloudEvent<SyncCompleted> synced = flow.send(new SyncCompleted(connectionId, null, null, SyncStatus.SUCCESSFUL, null));
        flow.await(Topics.CATALOG, "RAW." + request.schemaName().toUpperCase(Locale.ROOT) + "." + table, "TableAdded");
        Flow.awaitPoll(request.requestId(), p -> p.lastSuccessAt != null && !p.lastSuccessAt.isBefore(synced.time()));
        await().atMost(Flow.WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> ConnectorRequest
                .byConnection(connectionId).map(r -> !r.tablesDue && r.nextAttemptAt == null).orElse(false)));
        return connectionId;
    }

    private Instant succeededAt(String connectionId) {
        String at = fivetran.connection(connectionId).succeededAt();
        return at == null ? Instant.EPOCH : Instant.parse(at).truncatedTo(ChronoUnit.MICROS);
    }

    private static ConnectorState state(String connectionId) {
        return QuarkusTransaction.requiringNew().call(() -> ConnectorRequest.byConnection(connectionId).orElseThrow().state);
    }

    private static long schemaReads(String connectionId) {
        return FivetranSandboxResource.sandbox().requestCount("GET /v1/connections/" + connectionId + "/schemas");
    }

    private double polled(String outcome) {
        return Flow.counted(registry, "gatehouse.connector.sync.polled", outcome);
    }
}
