package io.gatehouse.webhook;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.events.Topics;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * HTTP as a browser + real broker + Fivetran sandbox: the Connect Card redirect lands on the return page, which
 * publishes SetupCompleted exactly once per request, and only when Fivetran says connected.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class ReturnPageTest extends CardFlowBase {

    private static final String SETUP_COMPLETED = "gatehouse.SetupCompleted.v1";


    @Test
    void completedCardShowsDoneAndPublishesSetupCompletedOnceHoweverOftenReloaded() {
        CardFlow.Card card = flow.issue();

        String location = flow.complete(card);
        assertThat(location).isEqualTo(card.returnUrl());
        Response page = CardFlow.open(location);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body().asString()).contains("<h1>Setup complete</h1>");
        ConsumerRecord<String, String> record = KafkaEvents.awaitRecord(companion, Topics.ONBOARDING,
                r -> card.requestId().equals(r.key()) && SETUP_COMPLETED.equals(Topic.type(r)), Topic.WAIT);
        assertThat(Topic.body(record).path("requestId").asText()).isEqualTo(card.requestId());
        assertThat(Topic.body(record).path("connectionId").asText()).isEqualTo(card.connectionId());

        for (int reload = 0; reload < 3; reload++) {
            assertThat(CardFlow.open(location).body().asString()).contains("<h1>Setup complete</h1>");
        }
        assertThat(Topic.events(companion, Topics.ONBOARDING, card.requestId(), SETUP_COMPLETED)).hasSize(1);
        assertThat(flow.outboxRows(card.requestId())).isEqualTo(1);
    }

    @Test
    void concurrentReloadsPublishOnce() {
        CardFlow.Card card = flow.issue();
        String location = flow.complete(card);
        assertThat(CardFlow.openAtOnce(location, 6))
                .allSatisfy(page -> assertThat(page.body().asString()).contains("<h1>Setup complete</h1>"));
        assertThat(flow.outboxRows(card.requestId())).isEqualTo(1);
        KafkaEvents.awaitRecord(companion, Topics.ONBOARDING,
                r -> card.requestId().equals(r.key()) && SETUP_COMPLETED.equals(Topic.type(r)), Topic.WAIT);
        assertThat(Topic.events(companion, Topics.ONBOARDING, card.requestId(), SETUP_COMPLETED)).hasSize(1);
    }

    @Test
    void cardNotCompletedShowsNotFinishedWithAWayToContinue() {
        CardFlow.Card card = flow.issue();

        Response page = CardFlow.open(card.returnUrl());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body().asString()).contains("<h1>Setup is not finished</h1>")
                .contains("href=\"" + card.cardUri().replace("&", "&amp;") + "\"");
        assertThat(flow.outboxRows(card.requestId())).isZero();
        assertThat(Topic.events(companion, Topics.ONBOARDING, card.requestId(), SETUP_COMPLETED)).isEmpty();

        // The owner follows "Continue the setup", finishes it, and comes back.
        String location = flow.complete(card);
        assertThat(CardFlow.open(location).body().asString()).contains("<h1>Setup complete</h1>");
        assertThat(flow.outboxRows(card.requestId())).isEqualTo(1);
    }

    @Test
    void browserArrivingBeforeTheCardEventIsAskedToReloadInAMoment() {
        String requestId = UUID.randomUUID().toString();
        String url = flow.returnUrl(CardFlow.STATES.sign(requestId, Duration.ofHours(1)));

        Response page = CardFlow.open(url);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body().asString()).contains("<h1>Setup is not finished yet</h1>")
                .contains("<meta http-equiv=\"refresh\" content=\"5\">");
        assertThat(flow.outboxRows(requestId)).isZero();
    }

    @Test
    void reissuedCardRebindsTheRequestToItsNewConnection() {
        CardFlow.Card first = flow.issue();
        CardFlow.Card reissued = flow.issueFor(first.requestId());
        assertThat(reissued.connectionId()).isNotEqualTo(first.connectionId());

        String location = flow.complete(reissued);
        assertThat(CardFlow.open(location).body().asString()).contains("<h1>Setup complete</h1>");

        ConsumerRecord<String, String> record = KafkaEvents.awaitRecord(companion, Topics.ONBOARDING,
                r -> first.requestId().equals(r.key()) && SETUP_COMPLETED.equals(Topic.type(r)), Topic.WAIT);
        assertThat(Topic.body(record).path("connectionId").asText()).isEqualTo(reissued.connectionId());
        // The first card's (stale) state still names the same request, which is now done.
        assertThat(CardFlow.open(first.returnUrl()).body().asString()).contains("<h1>Setup complete</h1>");
        assertThat(flow.outboxRows(first.requestId())).isEqualTo(1);
    }

    @Test
    void hostileCardLinkComesOutEscaped() {
        CardFlow.Card card = flow.issueWithLink("https://card.example/setup?a=1&b=\"><script>alert('x')</script>");

        Response page = CardFlow.open(card.returnUrl());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body().asString()).contains("<h1>Setup is not finished</h1>")
                .contains("<a href=\"https://card.example/setup?a=1&amp;b=&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)"
                        + "&lt;/script&gt;\" rel=\"noreferrer\">Continue the setup</a>")
                .doesNotContain("<script");
    }

    @Test
    void pagesCarrySecurityHeaders() {
        CardFlow.Card card = flow.issue();
        Response page = CardFlow.open(card.returnUrl());

        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.body().asString()).doesNotContain("<script").doesNotContain("<link").doesNotContain("<img");
    }
}
