package io.gatehouse.connector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.connector.domain.ConnectorState;
import io.gatehouse.connector.persistence.ConnectorRequest;
import io.gatehouse.connector.persistence.StepClaims;
import io.gatehouse.connector.persistence.WorkItem;
import io.gatehouse.connector.service.ClaimKeeper;
import io.gatehouse.connector.service.ConnectorRequests;
import io.gatehouse.events.ConnectorRequested;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Steps claimed with a renewed lease (database, sandbox, broker): a step whose Fivetran call outlasts the lease several
 * times over is not claimed by another instance while its keeper renews; a step whose claim another instance took over
 * creates and records nothing, its result writes refused by the fence, and the request is completed once by the next
 * holder.
 */
@QuarkusTest
@TestProfile(StepClaimTest.ShortLease.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class StepClaimTest {

    static final Duration LEASE = Duration.ofSeconds(4);
    /** The Fivetran call held up: more than twice the lease, well inside the read timeout below. */
    static final Duration SLOW_CALL = Duration.ofSeconds(10);
    static final String OTHER_INSTANCE = "other-host/instance-b";

    /** A lease of seconds (renewed every second) and a read timeout the slow call stays under. */
    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.connector.worker.lease", LEASE.toSeconds() + "s",
                    "quarkus.rest-client.fivetran.read-timeout", "15000");
        }
    }

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    StepClaims claims;
    @Inject
    ConnectorRequests requests;
    @Inject
    MeterRegistry registry;

    @Test
    void aStepOutlastingItsLeaseIsNotClaimedByAnotherInstanceWhileItsKeeperRenews() {
        ConnectorRequested request = slowRequest();
        new Flow(companion).send(request);
        ConnectorRequest claimed = awaitClaim(request.requestId());
        Instant firstLease = claimed.leaseUntil;

        // another instance tries to claim the request all along, as its worker would once the lease had run out
        List<Instant> leases = new ArrayList<>();
        await().atMost(Flow.WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(claimAsOtherInstance(request.requestId())).as("claimed by another instance while the step ran")
                    .isFalse();
            ConnectorRequest row = row(request.requestId());
            if (row.claimToken != null) {
                assertThat(row.claimToken).isEqualTo(claimed.claimToken);
                leases.add(row.leaseUntil);
            }
            return row.state == ConnectorState.CARD_ISSUED;
        });

        assertThat(leases).as("renewed while the call ran").anySatisfy(until ->
                assertThat(until).isAfter(firstLease.plus(LEASE)));
        assertThat(row(request.requestId()).claimToken).as("ended by the result").isNull();
        assertThat(Flow.connectionsWithSchema(request.schemaName())).hasSize(1);
        new Flow(companion).awaitOnboarding(request.requestId(), "ConnectCardIssued");
    }

    @Test
    void aStepWhoseClaimWasTakenOverRecordsNothing() {
        ConnectorRequested request = slowRequest();
        double fenced = registry.counter("gatehouse.connector.steps.fenced").count();
        Flow flow = new Flow(companion);
        flow.send(request);
        String token = awaitClaim(request.requestId()).claimToken;

        // this instance stalls inside the slow call (a long pause, a partition from its database): its lease runs out
        // and another instance claims the request
        assertThat(QuarkusTransaction.requiringNew().call(() -> ConnectorRequest.getEntityManager()
                .createNativeQuery("update connector_request set claim_token = 'taken-over', claimed_by = ?1, "
                        + "lease_until = ?2 where request_id = ?3 and claim_token = ?4")
                .setParameter(1, OTHER_INSTANCE).setParameter(2, Instant.now().plus(Duration.ofHours(1)))
                .setParameter(3, request.requestId()).setParameter(4, token).executeUpdate())).isEqualTo(1);

        await().atMost(Flow.WAIT).until(() -> registry.counter("gatehouse.connector.steps.fenced").count() > fenced);
        ConnectorRequest row = row(request.requestId());
        assertThat(row.claimToken).isEqualTo("taken-over");
        assertThat(row.state).isEqualTo(ConnectorState.PENDING);
        assertThat(row.connectionId).isNull();
        assertThat(Flow.connectionsWithSchema(request.schemaName())).as("it stopped before creating").isEmpty();
        WorkItem stale = QuarkusTransaction.requiringNew().call(
                () -> WorkItem.of(ConnectorRequest.findById(request.requestId()), token));
        assertThatThrownBy(() -> requests.failed(stale, "Stale", "a stale holder's result"))
                .isInstanceOf(ClaimKeeper.ClaimLost.class);
        assertThat(row(request.requestId()).state).as("the stale write refused").isEqualTo(ConnectorState.PENDING);

        // the other instance dies too: once its lease has run out, this one takes the request and completes it once
        QuarkusTransaction.requiringNew().run(() -> ConnectorRequest.getEntityManager()
                .createNativeQuery("update connector_request set lease_until = ?1 where request_id = ?2")
                .setParameter(1, Instant.now().minusSeconds(1)).setParameter(2, request.requestId()).executeUpdate());
        flow.awaitOnboarding(request.requestId(), "ConnectCardIssued");
        assertThat(Flow.connectionsWithSchema(request.schemaName())).hasSize(1);
    }

    /** A request in a group of its own whose first Fivetran call (the look for an existing connection) is slow. */
    private static ConnectorRequested slowRequest() {
        String group = "lease_" + UUID.randomUUID().toString().substring(0, 8);
        FivetranSandboxResource.sandbox().addGroup(group);
        FivetranSandboxResource.sandbox().delayNext("GET /v1/groups/" + group + "/connections", SLOW_CALL, 1);
        return Flow.request("sql_server_rds", group);
    }

    private static ConnectorRequest awaitClaim(String requestId) {
        await().atMost(Flow.WAIT).pollInterval(Duration.ofMillis(100)).until(() -> row(requestId) != null
                && row(requestId).claimToken != null);
        return row(requestId);
    }

    /** The claim another instance makes: the service's own conditional update, with a holder and token of its own. */
    private boolean claimAsOtherInstance(String requestId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            long version = ConnectorRequest.<ConnectorRequest>findById(requestId).version;
            return claims.claim(requestId, version, OTHER_INSTANCE, UUID.randomUUID().toString(), now,
                    now.plus(Duration.ofHours(1)));
        });
    }

    private static ConnectorRequest row(String requestId) {
        return QuarkusTransaction.requiringNew().call(() -> ConnectorRequest.<ConnectorRequest>findById(requestId));
    }
}
