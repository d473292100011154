package io.gatehouse.connector.it;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.Topics;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Real broker + Fivetran sandbox: transient Fivetran failures are retried per request; permanent ones fail it with Fivetran's words. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class FailuresTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void rateLimitedTwiceThenCreated() {
        Flow flow = new Flow(companion);
        ConnectorRequested request = Flow.request();
        int createsBefore = FivetranSandboxResource.sandbox().createCount();
        long createCallsBefore = FivetranSandboxResource.sandbox().requestCount("POST /v1/connections");
        FivetranSandboxResource.sandbox().failNext("POST /v1/connections", 429, 2, null);

        flow.send(request);

        JsonNode issued = flow.awaitOnboarding(request.requestId(), "ConnectCardIssued");
        assertThat(issued.path("connectionId").asText())
                .isEqualTo(Flow.connectionsWithSchema(request.schemaName()).get(0).id());
        assertThat(Flow.connectionsWithSchema(request.schemaName())).hasSize(1);
        assertThat(FivetranSandboxResource.sandbox().createCount() - createsBefore).isEqualTo(1);
        assertThat(FivetranSandboxResource.sandbox().requestCount("POST /v1/connections") - createCallsBefore).isEqualTo(3);
        assertThat(flow.all(Topics.ONBOARDING, "OnboardingFailed", request.requestId(), Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void unknownGroupFailsWithFivetransReason() {
        Flow flow = new Flow(companion);
        ConnectorRequested request = Flow.request("sql_server_rds", "no_such_group");

        flow.send(request);

        JsonNode failed = flow.awaitOnboarding(request.requestId(), "OnboardingFailed");
        assertThat(failed.path("stage").asText()).isEqualTo("CREATE_CONNECTION");
        assertThat(failed.path("code").asText()).startsWith("NotFound");
        assertThat(failed.path("reason").asText()).contains("no_such_group");
        assertThat(Flow.connectionsWithSchema(request.schemaName())).isEmpty();
    }

    @Test
    void invalidInputFailsWithFivetransReason() {
        Flow flow = new Flow(companion);
        ConnectorRequested request = Flow.request("no_such_service", FivetranSandboxResource.GROUP);

        flow.send(request);

        JsonNode failed = flow.awaitOnboarding(request.requestId(), "OnboardingFailed");
        assertThat(failed.path("code").asText()).isEqualTo("InvalidInput");
        assertThat(failed.path("reason").asText()).contains("Unsupported service 'no_such_service'");
    }

    @Test
    void aRequestBackingOffDoesNotHoldUpTheOthers() {
        Flow flow = new Flow(companion);
        FivetranSandboxResource.sandbox().addGroup("flaky_group");
        ConnectorRequested stuck = Flow.request("sql_server_rds", "flaky_group");
        ConnectorRequested next = Flow.request();
        // Fivetran answers 503 to the stuck request's calls ten times: in-call retry, then the worker's backoff
        FivetranSandboxResource.sandbox().failNext("GET /v1/groups/flaky_group/connections", 503, 10, null);

        flow.send(stuck);
        flow.send(next);

        flow.awaitOnboarding(next.requestId(), "ConnectCardIssued");
        assertThat(Flow.connectionsWithSchema(stuck.schemaName())).as("still backing off").isEmpty();
        flow.awaitOnboarding(stuck.requestId(), "ConnectCardIssued");
        assertThat(Flow.connectionsWithSchema(stuck.schemaName())).hasSize(1);
    }
}
