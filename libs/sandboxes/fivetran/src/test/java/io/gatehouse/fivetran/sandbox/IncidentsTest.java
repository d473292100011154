package io.gatehouse.fivetran.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plain unit test over HTTP: what goes wrong in real life, on cue: an API outage, a broken source, an expired card. */
class IncidentsTest extends SandboxTestBase {

    @BeforeAll
    static void startSandbox() throws Exception {
        start(quickSyncs());
    }

    @BeforeEach
    void registerWebhook() {
        api.post("/v1/webhooks/group/g1", """
                {"url":"%s","events":["sync_end","connection_failure"],"active":true,"secret":"s"}""".formatted(receiver.url("/hook")));
    }

    private String activeConnection(String schema) {
        String id = completedCardConnection(schema);
        api.patch("/v1/connections/" + id, "{\"paused\":false}");
        await().atMost(Duration.ofSeconds(5)).until(() -> events().contains("sync_end"));
        receiver.received.clear();
        return id;
    }

    private String events() {
        return receiver.received.stream().map(r -> new String(r.body())).toList().toString();
    }

    @Test
    void anOutageAnswersTheStatusForItsDurationThenEndsByItself() {
        sandbox.failFor("/v1/.*", 503, Duration.ofMillis(700));
        assertThat(api.get("/v1/connections").status()).isEqualTo(503);
        assertThat(api.get("/v1/connections").status()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/v1/connections").status() == 200);
    }

    @Test
    void aSlowApiHoldsEveryApiResponseUntilSetBackButNotTheCardPages() throws Exception {
        String card = api.createCardConnection("g1", "postgres_rds", "pg_slow", "https://gatehouse.example/r")
                .path("connect_card").path("uri").asText();
        Duration latency = Duration.ofMillis(300);
        sandbox.setApiLatency(latency);
        assertThat(timed(() -> api.get("/v1/connections").status())).isGreaterThanOrEqualTo(latency);
        assertThat(timed(() -> get(card).statusCode())).isLessThan(latency);
        sandbox.setApiLatency(Duration.ZERO);
        assertThat(timed(() -> api.get("/v1/connections").status())).isLessThan(latency);
        assertThatThrownBy(() -> sandbox.setApiLatency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBrokenSourceSendsConnectionFailureAndARepairedOneSyncsTheNewTables() {
        String id = activeConnection("pg_broken");
        sandbox.breakConnection(id, "password authentication failed");
        await().atMost(Duration.ofSeconds(5)).until(() -> events().contains("connection_failure"));
        assertThat(events()).contains("password authentication failed");
        assertThat(api.get("/v1/connections/" + id).data().path("status").path("setup_state").asText()).isEqualTo("broken");

        sandbox.addSourceTable("postgres_rds", "public", "refunds");
        receiver.received.clear();
        sandbox.repairConnection(id);
        await().atMost(Duration.ofSeconds(5)).until(() -> events().contains("SUCCESSFUL"));
        JsonNode schemas = api.get("/v1/connections/" + id + "/schemas").data().path("schemas");
        assertThat(schemas.path("public").path("tables").path("refunds").path("enabled").asBoolean()).isTrue();
        assertThat(schemas.path("public").path("tables").path("accounts").path("enabled").asBoolean()).isTrue();
    }

    @Test
    void anExpiredCardShowsFivetransExpiredPage() throws Exception {
        JsonNode created = api.createCardConnection("g1", "postgres_rds", "pg_expired", "https://gatehouse.example/r");
        String card = created.path("connect_card").path("uri").asText();
        assertThat(get(card).statusCode()).isEqualTo(200);
        sandbox.expireConnectCards();
        HttpResponse<String> page = get(card);
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("expired");
        String fresh = api.post("/v1/connections/" + created.path("id").asText() + "/connect-card",
                "{\"connect_card_config\":{\"redirect_uri\":\"https://gatehouse.example/r\"}}").data().path("connect_card").path("uri").asText();
        assertThat(get(fresh).statusCode()).isEqualTo(200);
    }

    /** How long a call took; it must answer 200. */
    private static Duration timed(java.util.concurrent.Callable<Integer> call) throws Exception {
        long start = System.nanoTime();
        assertThat(call.call()).isEqualTo(200);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
