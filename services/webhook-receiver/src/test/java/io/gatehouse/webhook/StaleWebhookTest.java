package io.gatehouse.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.events.Topics;
import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.gatehouse.webhook.config.WebhookConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * HTTP + real broker: a correctly signed webhook whose {@code created} lies outside the replay window is refused
 * (401, its own metric tag) and publishes nothing; inside the window, including a day-old Fivetran retry, it is accepted.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class StaleWebhookTest {

    /** Far from the edges, so the seconds a request takes cannot move a body across them. */
    private static final Duration MARGIN = Duration.ofMinutes(1);

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    MeterRegistry registry;
    @Inject
    WebhookConfig config;

    @Test
    void aWeekOldConnectionFailureIsRefusedAndPublishesNothing() {
        String connection = SignedWebhooks.connectionId();
        double before = count("connection_failure", "too_old");

        SignedWebhooks.postSigned(SignedWebhooks.event("connection_failure", connection,
                        "{\"reason\":\"Cannot connect to host\"}", Instant.now().minus(Duration.ofDays(7))))
                .statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).body("detail", containsString("replay window"));

        assertThat(count("connection_failure", "too_old")).isEqualTo(before + 1);
        assertNothingPublishedFor(connection);
    }

    @Test
    void aFreshWebhookIsAccepted() {
        String connection = SignedWebhooks.connectionId();

        SignedWebhooks.postSigned(SignedWebhooks.event("connection_failure", connection,
                "{\"reason\":\"Cannot connect to host\"}", Instant.now())).statusCode(200).body("outcome", equalTo("published"));

        Topic.await(companion, Topics.FIVETRAN, connection);
    }

    @Test
    void justInsideTheWindowIsAcceptedAndJustOutsideIsRefused() {
        String inside = SignedWebhooks.connectionId();
        String outside = SignedWebhooks.connectionId();
        Instant now = Instant.now();

        SignedWebhooks.postSigned(SignedWebhooks.event("sync_end", inside, "{\"status\":\"SUCCESSFUL\"}",
                now.minus(config.replayWindow()).plus(MARGIN))).statusCode(200).body("outcome", equalTo("published"));
        SignedWebhooks.postSigned(SignedWebhooks.event("sync_end", outside, "{\"status\":\"SUCCESSFUL\"}",
                now.minus(config.replayWindow()).minus(MARGIN))).statusCode(401);

        Topic.await(companion, Topics.FIVETRAN, inside);
        assertNothingPublishedFor(outside);
    }

    @Test
    void aDayOldFivetranRetryIsAccepted() {
        String connection = SignedWebhooks.connectionId();

        SignedWebhooks.postSigned(SignedWebhooks.event("sync_end", connection, "{\"status\":\"SUCCESSFUL\"}",
                Instant.now().minus(Duration.ofHours(24)))).statusCode(200).body("outcome", equalTo("published"));

        Topic.await(companion, Topics.FIVETRAN, connection);
    }

    @Test
    void createdBeyondTheClockSkewIsRefusedWithItsOwnTag() {
        String ahead = SignedWebhooks.connectionId();
        String withinSkew = SignedWebhooks.connectionId();
        double before = count("sync_end", "in_future");

        SignedWebhooks.postSigned(SignedWebhooks.event("sync_end", ahead, "{\"status\":\"SUCCESSFUL\"}",
                Instant.now().plus(config.clockSkew()).plus(MARGIN))).statusCode(401);
        SignedWebhooks.postSigned(SignedWebhooks.event("sync_end", withinSkew, "{\"status\":\"SUCCESSFUL\"}",
                Instant.now().plus(config.clockSkew()).minus(MARGIN))).statusCode(200);

        assertThat(count("sync_end", "in_future")).isEqualTo(before + 1);
        Topic.await(companion, Topics.FIVETRAN, withinSkew);
        assertNothingPublishedFor(ahead);
    }

    @Test
    void aSignedBodyWithoutCreatedIsA400() {
        String connection = SignedWebhooks.connectionId();
        String body = SignedWebhooks.syncEnd(connection, "SUCCESSFUL").replaceFirst("\"created\":\"[^\"]+\",", "");

        SignedWebhooks.postSigned(body).statusCode(400).contentType("application/problem+json");

        assertNothingPublishedFor(connection);
    }

    private void assertNothingPublishedFor(String connection) {
        String marker = SignedWebhooks.connectionId();
        SignedWebhooks.postSigned(SignedWebhooks.syncEnd(marker, "SUCCESSFUL")).statusCode(200);
        Topic.await(companion, Topics.FIVETRAN, marker);
        assertThat(Topic.events(companion, Topics.FIVETRAN, connection)).isEmpty();
    }

    private double count(String event, String outcome) {
        return registry.find("gatehouse.webhook.deliveries").tag("event", event).tag("outcome", outcome).counters()
                .stream().mapToDouble(c -> c.count()).sum();
    }
}
