package io.gatehouse.onboarding.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.EventType;
import io.gatehouse.messaging.retention.RetentionSchedule;
import io.gatehouse.onboarding.config.OnboardingConfig;
import io.gatehouse.onboarding.persistence.TimelineEntry;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention deletes what is past its window and keeps the rest: timeline entries older than
 * {@code gatehouse.onboarding.retention.timeline} go, recent ones stay, and a request whose entries are all old keeps its
 * latest one, so {@code GET /onboarding-requests/{id}} never shows an empty timeline.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class TimelineRetentionTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Inject
    RetentionSchedule retention;
    @Inject
    OnboardingConfig config;
    @Inject
    EntityManager em;

    @Test
    void oldEntriesGoButEachRequestKeepsItsLatest() {
        Instant past = Instant.now().minus(config.retention().timeline()).minus(DAY);
        String busy = Requests.create(Requests.marker());
        entry(busy, "first-broken", past.minus(Duration.ofDays(50)));
        entry(busy, "second-broken", past);
        String recent = entry(busy, "recovered", Instant.now().minus(Duration.ofDays(10)));
        String quiet = Requests.create(Requests.marker());
        age(quiet, past.minus(Duration.ofDays(100))); // its "requested" entry, as if posted long ago
        String lastOfQuiet = entry(quiet, "last-change", past);

        assertThat(retention.purge()).containsKey("timeline_entry");

        assertThat(timeline(busy)).containsExactly("recovered", EventType.CONNECTOR_REQUESTED.eventName()).doesNotContain("first-broken");
        assertThat(eventIds(busy)).contains(recent);
        assertThat(timeline(quiet)).as("the latest entry stays, however old").containsExactly("last-change");
        assertThat(eventIds(quiet)).containsExactly(lastOfQuiet);
    }

    private static String entry(String requestId, String type, Instant at) {
        String eventId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> TimelineEntry.of(requestId, eventId, type, at, null).persist());
        return eventId;
    }

    /**
     * Moves the request's one entry (its ConnectorRequested) back to {@code at}, once the service's consumer has seen that
     * event come back from Kafka: a purge before that would let the consumer record it again, as new.
     */
    private void age(String requestId, Instant at) {
        String eventId = eventIds(requestId).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from processed_event where event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue() > 0));
        assertThat(QuarkusTransaction.requiringNew().call(() -> TimelineEntry.update("occurredAt = ?1 where requestId = ?2",
                at, requestId))).isEqualTo(1);
    }

    /** The timeline's types, oldest first, as the API shows it. */
    private static List<String> timeline(String requestId) {
        return Requests.get(requestId).then().statusCode(200).extract().jsonPath().getList("timeline.type", String.class);
    }

    private static List<String> eventIds(String requestId) {
        return Requests.get(requestId).then().extract().jsonPath().getList("timeline.eventId", String.class);
    }
}
