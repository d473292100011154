package io.gatehouse.webhook;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.ConnectCardIssued;
import io.gatehouse.fivetran.client.FivetranClient;
import io.gatehouse.fivetran.client.model.Connection;
import io.gatehouse.fivetran.client.model.CreateConnection;
import io.gatehouse.connectcard.RedirectState;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * Plays connector-service's part of the Connect Card flow against the sandbox (a connection whose redirect_uri is
 * this service's return URL with a signed state, and the ConnectCardIssued event), and the owner's browser.
 */
final class CardFlow {

    /** The %test value of gatehouse.connect-card.state-key. */
    static final String STATE_KEY = "dev-connect-card-state-key-0123456789abcdef";
    static final RedirectState STATES = new RedirectState(STATE_KEY);

    private final FivetranClient fivetran;
    private final KafkaCompanion companion;
    private final EntityManager em;
    private final URL returnEndpoint;

    CardFlow(FivetranClient fivetran, KafkaCompanion companion, EntityManager em, URL returnEndpoint) {
        this.fivetran = fivetran;
        this.companion = companion;
        this.em = em;
        this.returnEndpoint = returnEndpoint;
    }

    /** A card of one onboarding request: its ids, the card link and the URL Fivetran sends the browser back to. */
    record Card(String requestId, String connectionId, String cardUri, String state, String returnUrl) {
    }

    /** A new request with a Connect Card, announced on gatehouse.onboarding and recorded by the service. */
    Card issue() {
        return issueFor(UUID.randomUUID().toString());
    }

    /** A (re)issued card for {@code requestId}: a new connection, a new state, a new ConnectCardIssued. */
    Card issueFor(String requestId) {
        return issueFor(requestId, Instant.now().plus(Duration.ofDays(1)));
    }

    /** A (re)issued card for {@code requestId} whose link Fivetran honours until {@code expiresAt}. */
    Card issueFor(String requestId, Instant expiresAt) {
        return issue(requestId, null, expiresAt);
    }

    /** A new request whose ConnectCardIssued carries {@code cardUri} instead of Fivetran's link (a hostile producer). */
    Card issueWithLink(String cardUri) {
        return issue(UUID.randomUUID().toString(), cardUri, Instant.now().plus(Duration.ofDays(1)));
    }

    private Card issue(String requestId, String announcedUri, Instant expiresAt) {
        String state = STATES.sign(requestId, Duration.ofHours(1));
        String returnUrl = returnUrl(state);
        Connection connection = fivetran.createConnection(CreateConnection.forConnectCard(FivetranSandboxResource.GROUP,
                "postgres_rds", "pg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10), returnUrl));
        String cardUri = announcedUri != null ? announcedUri : connection.connectCard().uri();
        Card card = new Card(requestId, connection.id(), cardUri, state, returnUrl);
        KafkaEvents.send(companion, KafkaEvents.record(CloudEvent.of("/gatehouse/connector-service",
                new ConnectCardIssued(requestId, card.connectionId(), card.cardUri(), expiresAt, null))));
        await().atMost(Topic.WAIT).until(() -> boundConnection(requestId) != null
                && boundConnection(requestId).equals(card.connectionId()));
        return card;
    }

    String returnUrl(String state) {
        return returnEndpoint + "?state=" + state;
    }

    /** The owner link the connector-service hands out for {@code requestId}: {@code /connect-card/open?token=}. */
    String ownerLink(String requestId) {
        return openUrl(STATES.signOwnerLink(requestId, Duration.ofDays(30)));
    }

    /** The owner-link endpoint with {@code token} as is. */
    String openUrl(String token) {
        return returnEndpoint.toString().replace("/connect-card/return", "/connect-card/open") + "?token=" + token;
    }

    /** The owner completes the card in the sandbox; returns where Fivetran redirects the browser. */
    String complete(Card card) {
        return FivetranSandboxResource.sandbox().completeConnectCard(card.cardUri(), FivetranSandboxResource.CREDENTIAL);
    }

    /** The browser opening a URL, as is (no redirects followed, nothing re-encoded). */
    static Response open(String url) {
        return given().redirects().follow(false).urlEncodingEnabled(false).when().get(url);
    }

    /** {@code browsers} browsers opening {@code url} at the same time; their pages, once every one has answered. */
    static List<Response> openAtOnce(String url, int browsers) {
        ExecutorService pool = Executors.newFixedThreadPool(browsers);
        try {
            List<CompletableFuture<Response>> pages = IntStream.range(0, browsers)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> open(url), pool))
                    .toList();
            return pages.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A signed token (redirect state or owner link) with its expiry field pushed a year later, the signature kept. */
    static String expiryPushedAYear(String token) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 31_536_000L) + "." + parts[3];
    }

    String boundConnection(String requestId) {
        return (String) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select connection_id from connect_card_binding where request_id = ?1")
                .setParameter(1, requestId).getResultStream().findFirst().orElse(null));
    }

    /** Outbox rows written under a record key: the only way this service publishes anything. */
    long outboxRows(String key) {
        return ((Number) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select count(*) from outbox_event where record_key = ?1").setParameter(1, key).getSingleResult())).longValue();
    }
}
