package io.gatehouse.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.fivetran.sandbox.webhook.WebhookDelivery;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Order;

/**
 * Fivetran fails the onboarding the ways it does in production: its API down for two minutes while the owner
 * finishes the setup, a source that breaks after going live, a {@code sync_end} that never arrives, a Connect Card
 * link opened after it expired. Every request still reaches ACTIVE, with its tables announced.
 */
@Order(1)
@ResourceLock(OnboardingStack.PREFIX)
class OnboardingOutagesIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static OnboardingStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new OnboardingStack();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    /** The owner finishes the card and is sent back; the return page's answer. */
    private static Response ownerFinishes(String cardUri) {
        String returnUrl = stack.fivetran.completeConnectCard(cardUri, OnboardingStack.CREDENTIAL);
        return given().redirects().follow(false).get(returnUrl);
    }

    private static String activeRequest(String service, String schema) {
        String id = stack.request(service, schema);
        stack.awaitState(id, "CARD_ISSUED", WAIT);
        assertThat(ownerFinishes(stack.view(id).getString("connectCard.uri")).asString()).contains("Setup complete");
        stack.awaitState(id, "ACTIVE", WAIT);
        Awaits.until(WAIT, () -> stack.view(id).getList("tables").size() == 3);
        return id;
    }

    @Test
    void fivetranAnswers503ForTwoMinutesAroundTheSetupAndTheRequestStillGoesActive() {
        String id = stack.request("sql_server_rds", "outage");
        stack.awaitState(id, "CARD_ISSUED", WAIT);
        String card = stack.view(id).getString("connectCard.uri");

        Instant outage = Instant.now();
        Duration length = Duration.ofMinutes(2);
        stack.fivetran.failFor("/v1/.*", 503, length);
        // the card pages are up, the API is not: the owner is told the setup is being confirmed (and will be)
        Response page = ownerFinishes(card);
        assertThat(page.statusCode()).isEqualTo(202);
        Instant over = outage.plus(length);

        // nobody reloads the page: Gatehouse finds out by itself once Fivetran answers again
        Awaits.until(Duration.ofMinutes(4), () -> "ACTIVE".equals(stack.view(id).getString("state")));
        Duration recovery = Duration.between(over, Instant.now());
        RecoveryTimes.record("Fivetran API 503 around SetupCompleted", length, "1 request", recovery);
        Awaits.until(WAIT, () -> stack.view(id).getList("tables").size() == 3);
        assertThat(stack.view(id).getString("failure")).isNull();
    }

    @Test
    void aConnectionFailureThenASuccessfulSyncReturnsToActiveAndAnnouncesTheNewTables() {
        // a service of its own: the table added to its source must not reach the other stories' connections
        String id = activeRequest("postgres_rds", "broken");
        String connection = stack.view(id).getString("connectionId");

        stack.fivetran.breakConnection(connection, "password authentication failed");
        stack.awaitState(id, "BROKEN", WAIT);
        assertThat(stack.view(id).getList("timeline.type")).contains("ConnectorInterrupted");

        stack.fivetran.addSourceTable("postgres_rds", "public", "refunds");
        Instant repaired = Instant.now();
        stack.fivetran.repairConnection(connection);
        stack.awaitState(id, "ACTIVE", WAIT);
        Awaits.until(WAIT, () -> stack.view(id).getList("tables").contains("RAW.BROKEN_PUBLIC.REFUNDS"));
        RecoveryTimes.record("Fivetran connection_failure, then a good sync", Duration.ZERO, "1 connection",
                Duration.between(repaired, Instant.now()));
        assertThat(stack.view(id).getList("timeline.type")).contains("ConnectorRecovered");
    }

    @Test
    void aDroppedSyncEndIsCaughtByThePoll() {
        String id = stack.request("sql_server_rds", "dropped");
        stack.awaitState(id, "CARD_ISSUED", WAIT);
        // every delivery to the receiver fails while the first sync runs; the sandbox gives up after its attempts
        stack.webhooks.refuse().cut();
        assertThat(ownerFinishes(stack.view(id).getString("connectCard.uri")).asString()).contains("Setup complete");
        String connection = stack.view(id).getString("connectionId");
        Awaits.until(WAIT, () -> stack.fivetran.webhookDeliveries().stream()
                .filter(d -> d.connectionId().equals(connection) && d.event().equals("sync_end")).count() == 3);
        assertThat(stack.fivetran.webhookDeliveries().stream()
                .filter(d -> d.connectionId().equals(connection)).noneMatch(WebhookDelivery::delivered)).isTrue();
        Instant givenUp = Instant.now();
        stack.webhooks.pass();

        Awaits.until(WAIT, () -> stack.view(id).getList("tables").size() == 3);
        RecoveryTimes.record("sync_end never delivered (Fivetran gave up)", Duration.ZERO, "1 sync",
                Duration.between(givenUp, Instant.now()));
        assertThat(stack.view(id).getString("state")).isEqualTo("ACTIVE");
    }

    @Test
    void theOwnerLinkOpenedAfterTheCardExpiredStillLeadsToAWorkingCard() {
        String id = stack.request("sql_server_rds", "late");
        stack.awaitState(id, "CARD_ISSUED", WAIT);
        String ownerLink = stack.view(id).getString("ownerLink");
        Instant expires = Instant.parse(stack.view(id).getString("connectCard.expiresAt"));
        Response first = given().redirects().follow(false).get(ownerLink);
        assertThat(first.statusCode()).isEqualTo(303);
        String oldCard = first.header("Location");

        // a day passes (for Fivetran) and the card's published expiry passes (for Gatehouse)
        stack.fivetran.expireConnectCards();
        Awaits.until(WAIT, () -> Instant.now().isAfter(expires));
        assertThat(given().get(oldCard).statusCode()).isEqualTo(401);

        // the owner opens the same link: Gatehouse has a fresh card made and sends the browser on to it
        Instant opened = Instant.now();
        Awaits.until(WAIT, () -> given().redirects().follow(false).get(ownerLink).statusCode() == 303);
        String newCard = given().redirects().follow(false).get(ownerLink).header("Location");
        RecoveryTimes.record("Connect Card expired, owner link opened", Duration.ZERO, "1 reissue", Duration.between(opened, Instant.now()));
        assertThat(newCard).isNotEqualTo(oldCard);
        assertThat(given().get(newCard).statusCode()).isEqualTo(200);
        assertThat(ownerFinishes(newCard).asString()).contains("Setup complete");
        stack.awaitState(id, "ACTIVE", WAIT);
    }
}
