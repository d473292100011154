package io.gatehouse.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.Topics;
import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * HTTP as the owner's browser + real broker + Fivetran sandbox: the owner link sends the browser on to a usable
 * Connect Card, and asks for a fresh card (ConnectCardRequested, once per card and interval) when the bound one expired.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class OwnerLinkTest extends CardFlowBase {

    static final String CARD_REQUESTED = "gatehouse.ConnectCardRequested.v1";
    private static final String REISSUING = "<h1>A fresh Connect Card is being prepared</h1>";


    @Test
    void usableCardIsAThreeOhThreeToIt() {
        CardFlow.Card card = flow.issue();

        Response answer = CardFlow.open(flow.ownerLink(card.requestId()));

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo(card.cardUri());
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(flow.outboxRows(card.requestId())).isZero();
    }

    @Test
    void expiredCardIsAskedForOnceThenTheFreshCardIsOpened() {
        String requestId = UUID.randomUUID().toString();
        flow.issueFor(requestId, Instant.now().minus(Duration.ofMinutes(1)));
        String link = flow.ownerLink(requestId);

        for (int open = 0; open < 3; open++) {
            Response page = CardFlow.open(link);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.header("Cache-Control")).isEqualTo("no-store");
            assertThat(page.body().asString()).contains(REISSUING).contains("<meta http-equiv=\"refresh\" content=\"3\">");
        }
        assertThat(Topic.body(Topic.await(companion, Topics.ONBOARDING, requestId, CARD_REQUESTED)).path("requestId").asText())
                .isEqualTo(requestId);
        assertThat(Topic.events(companion, Topics.ONBOARDING, requestId, CARD_REQUESTED)).hasSize(1);
        assertThat(flow.outboxRows(requestId)).isEqualTo(1);

        // The connector-service answers with a new card; the page's next reload goes on to it.
        CardFlow.Card fresh = flow.issueFor(requestId);
        Response answer = CardFlow.open(link);
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo(fresh.cardUri());
        assertThat(flow.outboxRows(requestId)).isEqualTo(1);
    }

    @Test
    void concurrentOpensOfAnExpiredCardAskOnce() {
        String requestId = UUID.randomUUID().toString();
        flow.issueFor(requestId, Instant.now().minus(Duration.ofHours(2)));
        String link = flow.ownerLink(requestId);
        assertThat(CardFlow.openAtOnce(link, 6))
                .allSatisfy(page -> assertThat(page.body().asString()).contains(REISSUING));
        Topic.await(companion, Topics.ONBOARDING, requestId, CARD_REQUESTED);
        assertThat(Topic.events(companion, Topics.ONBOARDING, requestId, CARD_REQUESTED)).hasSize(1);
    }

    @Test
    void cardAboutToExpireIsReplacedAndAskedForAgainOnlyAfterTheInterval() {
        String requestId = UUID.randomUUID().toString();
        // Inside the 10-minute margin: the owner would not have time to finish it.
        flow.issueFor(requestId, Instant.now().plus(Duration.ofMinutes(5)));
        String link = flow.ownerLink(requestId);

        assertThat(CardFlow.open(link).body().asString()).contains(REISSUING);
        assertThat(CardFlow.open(link).body().asString()).contains(REISSUING);
        assertThat(flow.outboxRows(requestId)).isEqualTo(1);

        // The answer got lost: once the 2-minute interval has passed, the next open asks again.
        askedFreshCardAgo(requestId, Duration.ofMinutes(3));
        assertThat(CardFlow.open(link).body().asString()).contains(REISSUING);
        assertThat(CardFlow.open(link).body().asString()).contains(REISSUING);
        assertThat(flow.outboxRows(requestId)).isEqualTo(2);
        await().atMost(Topic.WAIT).untilAsserted(() ->
                assertThat(Topic.events(companion, Topics.ONBOARDING, requestId, CARD_REQUESTED)).hasSize(2));
    }

    @Test
    void requestWithoutACardYetShowsThePreparingPage() {
        String requestId = UUID.randomUUID().toString();

        Response page = CardFlow.open(flow.ownerLink(requestId));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body().asString()).contains("<h1>Your setup link is being prepared</h1>")
                .contains("<meta http-equiv=\"refresh\" content=\"5\">");
        assertThat(flow.outboxRows(requestId)).isZero();
    }

    @Test
    void completedSetupShowsTheCompletePage() {
        CardFlow.Card card = flow.issue();
        assertThat(CardFlow.open(flow.complete(card)).body().asString()).contains("<h1>Setup complete</h1>");

        Response page = CardFlow.open(flow.ownerLink(card.requestId()));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body().asString()).contains("<h1>Setup is already complete</h1>").doesNotContain("refresh");
        assertThat(page.header("Location")).isNull();
    }

    /** Moves the last ask for a fresh card back in time, as if {@code ago} had passed since. */
    private void askedFreshCardAgo(String requestId, Duration ago) {
        int updated = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "update connect_card_binding set reissue_requested_at = ?2 where request_id = ?1")
                .setParameter(1, requestId).setParameter(2, Instant.now().minus(ago)).executeUpdate());
        assertThat(updated).isEqualTo(1);
    }
}
