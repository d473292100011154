package io.gatehouse.grant.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.events.Topics;
import io.gatehouse.grant.persistence.AuditOutcome;
import io.gatehouse.grant.persistence.JobStatus;
import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.faults.FaultProxy;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.logging.Log;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * End to end (sandbox through snowflake-jdbc behind a real TCP proxy, real broker): a job of about 200 statements in
 * chunks of 20 is cut off from Snowflake mid-apply. The chunks it finished are recorded (audit, ledger, GrantsApplied)
 * while the job is still pending; after the fault it resumes from the ledger, never re-runs a recorded statement, and
 * reaches the desired state with every statement audited once as ok.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeFaultResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ChunkedApplyTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void aJobCutOffMidApplyKeepsItsFinishedChunksAndResumesWhereItStopped() {
        SnowflakeSandbox sandbox = Snowflake.sandbox();
        FaultProxy snowflake = SnowflakeFaultResource.proxy();
        int chunk = SnowflakeFaultResource.CHUNK_SIZE;
        sandbox.setStatementLatency(Duration.ofMillis(25));
        List<String> recordedBeforeTheFault;
        SharedSchemaJob put;
        try {
            put = SharedSchemaJob.put(50);
            await().atMost(WAIT).until(() -> put.auditedOk().size() >= 3 * chunk);
            snowflake.refuse();
            try {
                // the attempt in flight fails on the cut and is recorded as an outage: the job waits, pending
                await().atMost(WAIT).until(() -> put.job().outages >= 1);
                assertThat(put.job().status).isEqualTo(JobStatus.PENDING);
                recordedBeforeTheFault = put.auditedOk();
                assertThat(recordedBeforeTheFault).hasSizeGreaterThanOrEqualTo(3 * chunk);
                assertThat(put.ledgerRows()).as("every recorded ok statement has its ledger row")
                        .isEqualTo(recordedBeforeTheFault.size());
                assertThat(put.audit(AuditOutcome.FAILED)).isNotEmpty();
            } finally {
                snowflake.pass();
            }
            await().atMost(WAIT).until(() -> put.job().status == JobStatus.DONE);
        } finally {
            sandbox.setStatementLatency(Duration.ZERO);
        }

        List<String> ok = put.auditedOk();
        Log.infof("job of %d statements in chunks of %d: %d recorded before the fault", ok.size(), chunk,
                recordedBeforeTheFault.size());
        assertThat(ok.size()).as("the fault hit mid-apply").isGreaterThan(recordedBeforeTheFault.size());
        assertThat(counts(ok)).as("every statement audited once as ok").allSatisfy((sql, n) -> assertThat(n).isEqualTo(1));
        assertThat(ok.subList(0, recordedBeforeTheFault.size())).isEqualTo(recordedBeforeTheFault);
        Map<String, Long> ranInSnowflake = counts(sandbox.statementLog().entries().stream()
                .filter(e -> e.succeeded() && recordedBeforeTheFault.contains(e.sql())).map(e -> e.sql()).toList());
        assertThat(ranInSnowflake).as("a recorded statement never runs again").hasSize(recordedBeforeTheFault.size())
                .allSatisfy((sql, n) -> assertThat(n).isEqualTo(1));
        assertThat(put.ledgerRows()).isEqualTo(ok.size());
        assertThat(grantsApplied(put.changeId())).as("GrantsApplied: each statement once")
                .containsExactlyInAnyOrderElementsOf(ok);

        // desired state: every member holds the schema role, and Snowflake shows no drift
        assertThat(sandbox.executeAsAdmin("SHOW GRANTS OF ROLE " + put.schemaRole()).stream()
                .filter(r -> r.get("grantee_name").startsWith("GH_USER_M"))).hasSize(put.members().size());
        given().auth().oauth2(TestTokens.ops()).queryParam("role", put.schemaRole())
                .when().get("/drift").then().statusCode(200).body("$", empty());
    }

    private List<String> grantsApplied(String causeEventId) {
        List<ConsumerRecord<String, String>> records = KafkaEvents.recordsWithin(companion, Topics.ACCESS,
                r -> r.value().contains(causeEventId), Duration.ofSeconds(3));
        List<String> statements = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                JSON.readTree(r.value()).get("statements").forEach((JsonNode s) -> statements.add(s.asText()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return statements;
    }

    private static Map<String, Long> counts(List<String> statements) {
        return statements.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
