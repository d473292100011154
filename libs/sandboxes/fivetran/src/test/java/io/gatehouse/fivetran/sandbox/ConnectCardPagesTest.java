package io.gatehouse.fivetran.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.fivetran.sandbox.card.ConnectCardBrowser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConnectCardPagesTest extends SandboxTestBase {
    static final MutableClock CLOCK = new MutableClock();
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void startSandbox() throws Exception {
        start(FivetranSandbox.builder().group("g1").acceptedCredential("open-sesame").clock(CLOCK));
    }

    @Test
    void aBrowserCompletesTheCardAndLandsOnTheRedirectUriExactlyAsGiven() throws Exception {
        String redirect = receiver.url("/connect-card/return?state=abc%2B1&x=y");
        JsonNode created = api.createCardConnection("g1", "postgres_rds", "card_ok", redirect);

        HttpResponse<String> card = browser.send(HttpRequest.newBuilder(URI.create(created.path("connect_card").path("uri").asText())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(card.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
        Matcher auth = Pattern.compile("name=\"auth\" value=\"([^\"]+)\"").matcher(card.body());
        assertThat(auth.find()).isTrue();
        assertThat(card.body()).contains("Save &amp; Test").contains("name=\"password\"");

        String form = "auth=" + URLEncoder.encode(auth.group(1), StandardCharsets.UTF_8) + "&host=db.internal&user=etl&password=open-sesame";
        HttpResponse<String> saved = browser.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/connect-card/setup"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).contains(redirect);

        HttpResponse<String> landed = browser.send(HttpRequest.newBuilder(URI.create(saved.headers().firstValue("Location").get())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(receiver.received).extracting(Receiver.Received::uri).contains("/connect-card/return?state=abc%2B1&x=y");

        JsonNode details = api.get("/v1/connections/" + created.path("id").asText()).data();
        assertThat(details.path("status").path("setup_state").asText()).isEqualTo("connected");
        assertThat(details.path("setup_tests").findValuesAsText("status")).containsOnly("PASSED");
        assertThat(details.path("config").path("host").asText()).isEqualTo("db.internal");
    }

    @Test
    void wrongCredentialsShowTheFailureAndDoNotConnect() {
        JsonNode created = api.createCardConnection("g1", "sql_server_rds", "card_bad", "https://gatehouse.example/r");
        ConnectCardBrowser.Outcome outcome = new ConnectCardBrowser().complete(created.path("connect_card").path("uri").asText(), "guess");
        assertThat(outcome.redirected()).isFalse();
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.errorMessage()).contains("Invalid login credentials");
        JsonNode details = api.get("/v1/connections/" + created.path("id").asText()).data();
        assertThat(details.path("status").path("setup_state").asText()).isEqualTo("incomplete");
        assertThat(details.path("setup_tests").findValuesAsText("status")).contains("FAILED");
        assertThatThrownBy(() -> sandbox.completeConnectCard(created.path("connect_card").path("uri").asText(), "guess"))
                .hasMessageContaining("Invalid login credentials");
    }

    @Test
    void aCardExpiresAfterOneDay() {
        JsonNode created = api.createCardConnection("g1", "google_sheets", "card_old", "https://gatehouse.example/r");
        String uri = created.path("connect_card").path("uri").asText();
        CLOCK.advance(Duration.ofHours(23));
        assertThat(new ConnectCardBrowser().complete(uri, "wrong").status()).isEqualTo(200);
        CLOCK.advance(Duration.ofHours(2));
        ConnectCardBrowser.Outcome expired = new ConnectCardBrowser().complete(uri, "open-sesame");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.errorMessage()).contains("expired");
        assertThat(sandbox.connection(created.path("id").asText()).setupState()).isEqualTo("incomplete");
    }

    @Test
    void aRegeneratedCardReplacesTheOldOne() {
        JsonNode created = api.createCardConnection("g1", "google_sheets", "card_new", "https://gatehouse.example/first");
        String oldUri = created.path("connect_card").path("uri").asText();
        JsonNode card = api.post("/v1/connections/" + created.path("id").asText() + "/connect-card",
                "{\"connect_card_config\":{\"redirect_uri\":\"https://gatehouse.example/second\"}}").data();
        assertThat(new ConnectCardBrowser().complete(oldUri, "open-sesame").status()).isEqualTo(401);
        assertThat(sandbox.completeConnectCard(card.path("connect_card").path("uri").asText(), "open-sesame"))
                .isEqualTo("https://gatehouse.example/second");
        assertThat(sandbox.connection(created.path("id").asText()).setupState()).isEqualTo("connected");
    }
}
