package io.gatehouse.onboarding.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.ConnectCardIssued;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The funnel and time-per-state metrics the Grafana dashboard reads, as Prometheus scrapes them from /q/metrics. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class OnboardingMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void aRequestMovingOnIsTimedInTheStateItLeftAndCountedInTheStateItReached() {
        double timedBefore = value("gatehouse_onboarding_state_duration_seconds_count{state=\"requested\"}");
        double sumBefore = value("gatehouse_onboarding_state_duration_seconds_sum{state=\"requested\"}");
        String id = Requests.create(Requests.marker());

        // the card is issued (as the event says) two minutes after the request was made
        Instant created = Instant.parse(Requests.get(id).then().extract().path("createdAt"));
        ConnectCardIssued card = new ConnectCardIssued(id, "conn_m", "http://fivetran.local/card", created.plusSeconds(86_400), null);
        KafkaEvents.send(companion, KafkaEvents.timedRecord(new CloudEvent<>(UUID.randomUUID().toString(), "/tests",
                created.plusSeconds(120), card)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(
                value("gatehouse_onboarding_state_duration_seconds_count{state=\"requested\"}")).isEqualTo(timedBefore + 1));
        assertThat(value("gatehouse_onboarding_state_duration_seconds_sum{state=\"requested\"}") - sumBefore)
                .isCloseTo(120.0, within(1.0));
        // the funnel is counted from the table every 15 s: the request shows in CARD_ISSUED by the next count (its wait
        // there starts two minutes ahead, as the event said, so its age is 0 for now rather than negative)
        await().atMost(WAIT).untilAsserted(() -> assertThat(value("gatehouse_onboarding_requests{state=\"card_issued\"}"))
                .isGreaterThanOrEqualTo(1));
        assertThat(given().get("/q/metrics").then().extract().asString())
                .contains("gatehouse_onboarding_requests_oldest_age_seconds{state=\"card_issued\"}");
    }

    /** A sample's value in the scrape; 0 when the series is not there yet. */
    private static double value(String series) {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
