package io.gatehouse.webhook;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.events.Topics;
import io.gatehouse.connectcard.RedirectState;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP + real broker + sandbox: each request here belongs to a connection Fivetran reports connected, so only the
 * state check stands between the browser and SetupCompleted. A forged, tampered, expired or malformed state gets
 * 400 and the "invalid or expired" page and publishes nothing; the genuine state then publishes once.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class StateTest extends CardFlowBase {

    private static final String INVALID_PAGE = "<h1>This link is invalid or expired</h1>";

    @Inject
    MeterRegistry registry;

    CardFlow.Card connected;

    @BeforeEach
    void connectedRequest() {
        connected = flow.issue();
        flow.complete(connected);
        assertThat(fivetran.connection(connected.connectionId()).connected()).isTrue();
    }

    @Test
    void stateSignedWithAnotherKeyIsRefused() {
        double forged = refusals("forged");
        String state = new RedirectState("someone-elses-key-someone-elses-key!!").sign(connected.requestId(), Duration.ofHours(1));

        assertRefused(flow.returnUrl(state));

        assertThat(refusals("forged")).isEqualTo(forged + 1);
        assertGenuineStateStillPublishesOnce();
    }

    @Test
    void tamperedStateIsRefused() {
        // A genuine state of another request, its request id swapped for this one's.
        String other = CardFlow.STATES.sign("11111111-2222-3333-4444-555555555555", Duration.ofHours(1));
        String swapped = other.replace("11111111-2222-3333-4444-555555555555", connected.requestId());
        // This request's genuine state, its expiry pushed a year later.
        String extended = CardFlow.expiryPushedAYear(connected.state());

        assertRefused(flow.returnUrl(swapped));
        assertRefused(flow.returnUrl(extended));

        assertGenuineStateStillPublishesOnce();
    }

    @Test
    void expiredStateIsRefused() {
        double expired = refusals("expired");
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String state = new RedirectState(CardFlow.STATE_KEY, twoHoursAgo).sign(connected.requestId(), Duration.ofHours(1));

        assertRefused(flow.returnUrl(state));

        assertThat(refusals("expired")).isEqualTo(expired + 1);
        assertGenuineStateStillPublishesOnce();
    }

    @Test
    void missingOrMalformedStateIsRefused() {
        assertRefused(returnEndpoint.toString());
        assertRefused(flow.returnUrl(""));
        assertRefused(flow.returnUrl(connected.requestId()));
        assertRefused(flow.returnUrl("v1.%3Cscript%3E.1.x"));

        assertGenuineStateStillPublishesOnce();
    }

    private void assertRefused(String url) {
        Response page = CardFlow.open(url);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.body().asString()).contains(INVALID_PAGE).doesNotContain("<script");
        assertThat(flow.outboxRows(connected.requestId())).isZero();
    }

    private void assertGenuineStateStillPublishesOnce() {
        assertThat(CardFlow.open(connected.returnUrl()).body().asString()).contains("<h1>Setup complete</h1>");
        assertThat(flow.outboxRows(connected.requestId())).isEqualTo(1);
        io.gatehouse.testing.kafka.KafkaEvents.awaitRecord(companion, Topics.ONBOARDING,
                r -> connected.requestId().equals(r.key()) && "gatehouse.SetupCompleted.v1".equals(Topic.type(r)), Topic.WAIT);
        assertThat(Topic.events(companion, Topics.ONBOARDING, connected.requestId(), "gatehouse.SetupCompleted.v1")).hasSize(1);
    }

    private double refusals(String reason) {
        return registry.find("gatehouse.connectcard.returns").tag("outcome", reason).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
