package io.gatehouse.fivetran.client;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.fivetran.client.model.ConnectCard;
import io.gatehouse.fivetran.client.model.Connection;
import io.gatehouse.fivetran.client.model.CreateConnection;
import io.gatehouse.fivetran.client.model.SchemaConfig;
import io.gatehouse.fivetran.sandbox.FivetranSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every call of the client against the sandbox, in the order onboarding uses them. */
@QuarkusTest
@QuarkusTestResource(FivetranSandboxResource.class)
class ConnectionCallsTest {
    @Inject
    FivetranClient client;

    FivetranSandbox sandbox;

    @BeforeEach
    void reset() {
        sandbox = FivetranSandboxResource.sandbox();
        sandbox.reset();
    }

    @Test
    void createsAPausedConnectCardConnection() {
        Connection created = client.createConnection(
                CreateConnection.forConnectCard(FivetranSandboxResource.GROUP, "postgres_rds", "acme_pg", "https://gatehouse.example/return?s=1"));
        assertThat(created.id()).isNotBlank();
        assertThat(created.paused()).isTrue();
        assertThat(created.setupState()).isEqualTo("incomplete");
        assertThat(created.connectCard().uri()).startsWith(sandbox.baseUrl() + "/connect-card/setup");
        assertThat(created.connectCardConfig().redirectUri()).isEqualTo("https://gatehouse.example/return?s=1");
        assertThat(sandbox.requestCount("POST /v1/connections")).isEqualTo(1);
        assertThat(sandbox.createCount()).isEqualTo(1);
        assertThat(sandbox.requests()).extracting(r -> r.accept()).containsOnly("application/json;version=2");
    }

    @Test
    void walksTheWholeOnboarding() {
        Connection created = client.createConnection(
                CreateConnection.forConnectCard(FivetranSandboxResource.GROUP, "sql_server_rds", "acme_sql", "https://gatehouse.example/r"));
        ConnectCard card = client.connectCard(created.id(), "https://gatehouse.example/again");
        assertThat(card.token()).isNotEqualTo(created.connectCard().token());

        String location = sandbox.completeConnectCard(card.uri(), FivetranSandboxResource.CREDENTIAL);
        assertThat(location).isEqualTo("https://gatehouse.example/again");
        Connection details = client.connection(created.id());
        assertThat(details.connected()).isTrue();
        assertThat(details.syncState()).isEqualTo("paused");

        Connection unpaused = client.unpause(created.id());
        assertThat(unpaused.paused()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> "scheduled".equals(client.connection(created.id()).syncState())
                && client.connection(created.id()).succeededAt() != null);

        SchemaConfig schemas = client.schemaConfig(created.id());
        assertThat(schemas.schemas()).containsKeys("dbo", "sales");
        assertThat(schemas.schemas().get("dbo").tables()).containsKeys("customers", "orders");
        assertThat(schemas.schemas().get("dbo").nameInDestination()).isEqualTo("acme_sql_dbo");
        assertThat(schemas.schemas().get("dbo").tables().get("orders").enabled()).isTrue();

        client.syncNow(created.id());
        assertThat(sandbox.requestCount("POST /v1/connections/[^/]+/sync")).isEqualTo(1);
    }

    @Test
    void findsAnExistingConnectionByGroupAndSchemaAcrossPages() {
        for (int i = 0; i < 105; i++) {
            client.createConnection(CreateConnection.forConnectCard(FivetranSandboxResource.GROUP, "google_sheets", "sheet_" + i, "https://x.example/r"));
        }
        assertThat(client.findConnection(FivetranSandboxResource.GROUP, "sheet_104")).map(Connection::schema).contains("sheet_104");
        assertThat(client.findConnection(FivetranSandboxResource.GROUP, "sheet_")).isEmpty();
    }

    @Test
    void createsAGroupWebhook() {
        var webhook = client.createGroupWebhook(FivetranSandboxResource.GROUP, "http://127.0.0.1:9/hook", "hook-secret",
                java.util.List.of("sync_start", "sync_end"));
        assertThat(webhook.id()).isNotBlank();
        assertThat(webhook.type()).isEqualTo("group");
        assertThat(webhook.events()).containsExactly("sync_start", "sync_end");
        assertThat(webhook.toString()).doesNotContain("hook-secret");
        assertThat(client.webhooks()).extracting(w -> w.id()).contains(webhook.id());
    }
}
