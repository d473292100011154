package io.gatehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.fivetran.sandbox.FivetranSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The onboarding path from outside, as deploy/local/run.sh {@code demo} walks it: the platform team's
 * {@code POST /onboarding-requests} and its polling {@code GET}, and the owner's browser completing the Connect Card
 * (the owner link, Fivetran's form, the redirect back to the webhook-receiver's return page).
 */
final class OnboardingClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofSeconds(60);
    /** How soon the owner reloads a return page that is not complete yet. */
    private static final Duration RELOAD = Duration.ofMillis(500);

    private final String url;
    private final String group;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Requests to the onboarding-service at {@code url}, for Fivetran group {@code group}, with bearer {@code token}. */
    OnboardingClient(String url, String group, String token) {
        this.url = url;
        this.group = group;
        this.token = token;
    }

    /** A request as it was seen: its view, and when the GET that showed it was answered. */
    record Seen(JsonNode view, Instant at) {
        String ownerLink() {
            return view.path("ownerLink").asText();
        }

        /** When the event of this type was written by its producer (the timeline's time), if it is in the timeline. */
        Optional<Instant> eventTime(String type) {
            return event(type).map(item -> Instant.parse(item.path("time").asText()));
        }

        /** The CloudEvents id of the event of this type, if it is in the timeline. */
        Optional<String> eventId(String type) {
            return event(type).map(item -> item.path("eventId").asText());
        }

        private Optional<JsonNode> event(String type) {
            for (JsonNode item : view.path("timeline")) {
                if (type.equals(item.path("type").asText())) {
                    return Optional.of(item);
                }
            }
            return Optional.empty();
        }
    }

    /** Posts a request for a new source in schema {@code schema} (also its idempotency key); its id. */
    String post(String schema) throws IOException, InterruptedException {
        // every value is fixed here or [a-z0-9_]: nothing to escape
        String body = "{\"service\":\"sql_server_rds\",\"groupId\":\"" + group + "\",\"schemaName\":\"" + schema
                + "\",\"config\":{\"host\":\"sql.example.com\",\"port\":1433,\"database\":\"sales\"},"
                + "\"owner\":{\"name\":\"Bench Owner\",\"email\":\"bench@example.com\"},"
                + "\"tableGroup\":\"bench\",\"businesses\":[\"finance\"]}";
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(url + "/onboarding-requests"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", schema)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (posted.statusCode() != 202) {
            throw new IllegalStateException("POST answered " + posted.statusCode() + ": " + posted.body());
        }
        return JSON.readTree(posted.body()).path("id").asText();
    }

    /** GETs the request every {@code every} until it is in {@code state}; fails on FAILED or after a minute. */
    Seen await(String id, String state, Duration every) throws IOException, InterruptedException {
        HttpRequest get = HttpRequest.newBuilder(URI.create(url + "/onboarding-requests/" + id))
                .header("Authorization", "Bearer " + token).GET().build();
        Instant giveUp = Instant.now().plus(GIVE_UP);
        while (Instant.now().isBefore(giveUp)) {
            JsonNode view = JSON.readTree(http.send(get, HttpResponse.BodyHandlers.ofString()).body());
            Instant at = Instant.now();
            String now = view.path("state").asText();
            if (state.equals(now)) {
                return new Seen(view, at);
            }
            if ("FAILED".equals(now)) {
                throw new IllegalStateException("request " + id + " failed: " + view);
            }
            Thread.sleep(every.toMillis());
        }
        throw new IllegalStateException("request " + id + " not " + state + " after " + GIVE_UP);
    }

    /**
     * The owner's browser: opens the owner link (the webhook-receiver sends it on to Fivetran's current card), completes
     * the card there with the accepted credential, and returns the URL Fivetran redirects it back to.
     */
    String completeCard(Seen issued, FivetranSandbox fivetran, String credential) throws IOException, InterruptedException {
        HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create(issued.ownerLink())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String card = opened.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("the owner link answered " + opened.statusCode()
                        + " without sending the owner on to a card: " + opened.body()));
        return fivetran.completeConnectCard(card, credential);
    }

    /**
     * The browser landing on the return page, until it says "Setup complete" (Fivetran confirmed the setup, SetupCompleted
     * is written). Before the webhook-receiver knows the card (its ConnectCardIssued still on the way) the page asks the
     * owner to come back: a browser reloads it, as run.sh's demo does.
     */
    void awaitSetupComplete(String returnUrl) throws IOException, InterruptedException {
        HttpRequest load = HttpRequest.newBuilder(URI.create(returnUrl)).GET().build();
        Instant giveUp = Instant.now().plus(GIVE_UP);
        while (true) {
            HttpResponse<String> page = http.send(load, HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() == 200 && page.body().contains("Setup complete")) {
                return;
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("the return page does not say \"Setup complete\" after " + GIVE_UP
                        + ": HTTP " + page.statusCode());
            }
            Thread.sleep(RELOAD.toMillis());
        }
    }
}
