package io.gatehouse.fivetran.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionApiTest {
    static FivetranSandbox sandbox;
    static ApiCaller api;

    @BeforeAll
    static void start() {
        sandbox = FivetranSandbox.builder().group("g1", "g2").start();
        api = new ApiCaller(sandbox);
    }

    @AfterAll
    static void stop() { sandbox.stop(); }

    @BeforeEach
    void reset() { sandbox.reset(); }

    @Test
    void createAnswers201WithEnvelopeIncompleteSetupAndACard() {
        ApiCaller.Reply reply = api.post("/v1/connections", """
                {"group_id":"g1","service":"postgres_rds","paused":true,"run_setup_tests":false,
                 "config":{"schema":"acme_pg","password":"hunter2"},
                 "connect_card_config":{"redirect_uri":"https://gatehouse.example/return?state=abc","hide_setup_guide":true}}
                """);
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body().path("code").asText()).isEqualTo("Success");
        assertThat(reply.body().path("message").asText()).isEqualTo("Connection has been created");
        JsonNode data = reply.data();
        assertThat(data.path("id").asText()).isNotBlank();
        assertThat(data.path("paused").asBoolean()).isTrue();
        assertThat(data.path("status").path("setup_state").asText()).isEqualTo("incomplete");
        assertThat(data.path("status").path("sync_state").asText()).isEqualTo("paused");
        assertThat(data.path("config").path("password").asText()).isEqualTo("******");
        assertThat(data.path("connect_card_config").path("redirect_uri").asText()).isEqualTo("https://gatehouse.example/return?state=abc");
        assertThat(data.path("connect_card").path("uri").asText())
                .startsWith(sandbox.baseUrl() + "/connect-card/setup?redirect_uri=")
                .contains("&auth=" + data.path("connect_card").path("token").asText())
                .endsWith("&hide_setup_guide=true");
        assertThat(sandbox.createCount()).isEqualTo(1);
    }

    @Test
    void withoutValidCredentialsEveryApiCallIs401() {
        assertThat(new ApiCaller(sandbox.baseUrl(), null, null).get("/v1/connections").status()).isEqualTo(401);
        ApiCaller.Reply wrong = new ApiCaller(sandbox.baseUrl(), "sandbox-key", "wrong").get("/v1/connections");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.raw().headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void validationFailsLikeFivetran() {
        ApiCaller.Reply unknownService = api.post("/v1/connections", "{\"group_id\":\"g1\",\"service\":\"nope\",\"config\":{\"schema\":\"s\"}}");
        assertThat(unknownService.status()).isEqualTo(400);
        assertThat(unknownService.body().path("code").asText()).isEqualTo("InvalidInput");
        assertThat(unknownService.body().path("message").asText()).isEqualTo("Unsupported service 'nope'");

        ApiCaller.Reply unknownGroup = api.post("/v1/connections", "{\"group_id\":\"zz\",\"service\":\"google_sheets\",\"config\":{\"schema\":\"s\"}}");
        assertThat(unknownGroup.status()).isEqualTo(404);
        assertThat(unknownGroup.body().path("code").asText()).isEqualTo("NotFound");

        ApiCaller.Reply noGroup = api.post("/v1/connections", "{\"service\":\"google_sheets\"}");
        assertThat(noGroup.body().path("message").asText()).isEqualTo("Field 'group_id' is required");

        ApiCaller.Reply noSchema = api.post("/v1/connections", "{\"group_id\":\"g1\",\"service\":\"google_sheets\"}");
        assertThat(noSchema.body().path("message").asText()).isEqualTo("Field 'schema' is required");

        ApiCaller.Reply badRedirect = api.post("/v1/connections", """
                {"group_id":"g1","service":"google_sheets","config":{"schema":"s"},"connect_card_config":{"redirect_uri":"ftp://x"}}""");
        assertThat(badRedirect.status()).isEqualTo(400);
        assertThat(sandbox.createCount()).isZero();
    }

    @Test
    void duplicateSchemaInAGroupIs409ButAnotherGroupMayReuseIt() {
        api.createCardConnection("g1", "google_sheets", "sheets_acme", "https://x.example/r");
        ApiCaller.Reply again = api.post("/v1/connections", "{\"group_id\":\"g1\",\"service\":\"postgres_rds\",\"config\":{\"schema\":\"sheets_acme\"}}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("code").asText()).isEqualTo("Conflict");
        assertThat(api.post("/v1/connections", "{\"group_id\":\"g2\",\"service\":\"postgres_rds\",\"config\":{\"schema\":\"sheets_acme\"}}").status())
                .isEqualTo(201);
    }

    @Test
    void legacyConnectorsPathServesTheSameResources() {
        String id = api.createCardConnection("g1", "sql_server_rds", "acme_sql", "https://x.example/r").path("id").asText();
        ApiCaller.Reply viaLegacy = api.get("/v1/connectors/" + id);
        assertThat(viaLegacy.status()).isEqualTo(200);
        assertThat(viaLegacy.data().path("schema").asText()).isEqualTo("acme_sql");
        assertThat(api.get("/v1/connectors/missing").body().path("code").asText()).isEqualTo("NotFound_Connector");
        assertThat(api.get("/v1/connections/missing").body().path("code").asText()).isEqualTo("NotFound_Connection");
        assertThat(api.get("/v1/connections/missing").status()).isEqualTo(404);
    }

    @Test
    void connectCardEndpointAnswers200AndReplacesTheCard() {
        JsonNode created = api.createCardConnection("g1", "google_sheets", "s1", "https://x.example/r");
        ApiCaller.Reply card = api.post("/v1/connections/" + created.path("id").asText() + "/connect-card",
                "{\"connect_card_config\":{\"redirect_uri\":\"https://y.example/back\"}}");
        assertThat(card.status()).isEqualTo(200);
        assertThat(card.body().path("message").asText()).isEqualTo("Connection Connect Card has been created");
        assertThat(card.data().path("connector_id").asText()).isEqualTo(created.path("id").asText());
        assertThat(card.data().path("connect_card").path("token").asText()).isNotEqualTo(created.path("connect_card").path("token").asText());
        assertThat(card.data().path("connect_card_config").path("redirect_uri").asText()).isEqualTo("https://y.example/back");
        assertThat(api.post("/v1/connections/" + created.path("id").asText() + "/connect-card", "{}").status()).isEqualTo(400);
    }

    @Test
    void beforeSetupSyncAndSchemaConfigAreRefused() {
        String id = api.createCardConnection("g1", "postgres_rds", "pg", "https://x.example/r").path("id").asText();
        ApiCaller.Reply schemas = api.get("/v1/connections/" + id + "/schemas");
        assertThat(schemas.status()).isEqualTo(404);
        assertThat(schemas.body().path("code").asText()).isEqualTo("NotFound_SchemaConfig");
        ApiCaller.Reply sync = api.post("/v1/connections/" + id + "/sync", "{\"force\":false}");
        assertThat(sync.status()).isEqualTo(400);
        assertThat(sync.body().path("message").asText()).contains("'incomplete'");
    }

    @Test
    void patchNeedsAPersistentField() {
        String id = api.createCardConnection("g1", "postgres_rds", "pg", "https://x.example/r").path("id").asText();
        assertThat(api.patch("/v1/connections/" + id, "{\"run_setup_tests\":false}").status()).isEqualTo(400);
        ApiCaller.Reply unpaused = api.patch("/v1/connections/" + id, "{\"paused\":false}");
        assertThat(unpaused.status()).isEqualTo(200);
        assertThat(unpaused.body().path("message").asText()).isEqualTo("Connection has been updated");
        assertThat(unpaused.data().path("paused").asBoolean()).isFalse();
    }
}
