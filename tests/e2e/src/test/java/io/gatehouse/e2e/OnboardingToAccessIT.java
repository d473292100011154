package io.gatehouse.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.UserResource;
import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.CloudEventHeaders;
import io.gatehouse.events.EventType;
import io.gatehouse.events.TableAdded;
import io.gatehouse.events.Topics;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.process.ServiceProcess;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End to end, the packaged services in their own JVMs: a platform team asks for a source, the owner
 * completes the Connect Card in "Fivetran" and comes back, the sync lands tables, and a member of the
 * business the tables are published in reads them in "Snowflake" with her own role, until she leaves. And an
 * identity provider, through the identity-bridge's SCIM API, puts a person into a business and takes her out again.
 */
@ExtendWith(SharedSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnboardingToAccessIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static SystemUnderTest system;

    @BeforeAll
    static void start() {
        system = SharedSystem.system();
    }

    @Test
    @Order(1)
    void aSourceIsOnboardedAndItsTablesBecomeReadableByTheBusiness() throws Exception {
        // HR: Ada works in finance
        KafkaEvents.send(system.companion, KafkaEvents.record(CloudEvent.of("/hr", new UserJoinedBusiness("u-ada", "ada", "finance"))));

        // the platform team asks for the ERP source, its tables published in finance
        String id = given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body(Map.of("service", "sql_server_rds", "groupId", SystemUnderTest.GROUP, "schemaName", "erp",
                        "config", Map.of("host", "erp.example.com", "port", 1433, "database", "erp", "update_method", "TELEPORT"),
                        "owner", Map.of("name", "Owen Owner", "email", "owen@example.com"),
                        "tableGroup", "erp_finance", "businesses", List.of("finance")))
                .post(system.onboarding.baseUrl() + "/onboarding-requests")
                .then().statusCode(202).extract().path("id");

        JsonPath issued = awaitState(id, "CARD_ISSUED");
        String cardUri = issued.getString("connectCard.uri");
        assertThat(cardUri).startsWith(system.fivetran.baseUrl());

        // the owner enters credentials in Fivetran, never in Gatehouse, and is sent back
        String returnUrl = system.fivetran.completeConnectCard(cardUri, SystemUnderTest.CREDENTIAL);
        assertThat(returnUrl).startsWith(system.webhook.baseUrl() + "/connect-card/return?state=");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Response page = given().redirects().follow(false).get(returnUrl);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.asString()).contains("Setup complete");
        });

        // Gatehouse unpauses, the sandbox syncs and signs sync_end to the receiver, the tables are announced
        JsonPath active = awaitState(id, "ACTIVE");
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(id).getList("tables"))
                .containsExactlyInAnyOrder("RAW.ERP_DBO.CUSTOMERS", "RAW.ERP_DBO.ORDERS", "RAW.ERP_SALES.INVOICES"));
        assertThat(active.getList("timeline.type")).contains("ConnectorRequested", "ConnectCardIssued", "SetupCompleted",
                "ConnectorActivated");

        // the grant-service gives finance the new table group: Ada reads with her own role
        // until the grants land, Snowflake answers "does not exist or not authorized": keep asking
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(SQLException.class)
                .untilAsserted(() -> assertThat(adaCounts("RAW.ERP_DBO.CUSTOMERS")).isEqualTo(1));
        assertThat(adaCounts("RAW.ERP_SALES.INVOICES")).isZero();
        given().auth().oauth2(TestTokens.ops()).get(system.grant.baseUrl() + "/tables/RAW.ERP_DBO.CUSTOMERS/readers")
                .then().statusCode(200).body(org.hamcrest.Matchers.containsString("ADA"));

        // HR: Ada leaves finance, and the data with it
        KafkaEvents.send(system.companion, KafkaEvents.record(CloudEvent.of("/hr", new UserLeftBusiness("u-ada", "ada", "finance"))));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> adaCounts("RAW.ERP_DBO.CUSTOMERS"));
            assertThat(refused.getErrorCode()).isEqualTo(2003);
        });
    }

    @Test
    @Order(2)
    void aPersonAnIdentityProviderPutsInABusinessGroupReadsItsTablesUntilTakenOut() throws Exception {
        // a treasury table landed and published in treasury, announced as the connector-service announces tables
        KafkaEvents.send(system.companion, KafkaEvents.record(CloudEvent.of("/connector", new TableAdded(
                "RAW", "LEDGER_TREASURY", "ACCOUNTS", "ledger_treasury", List.of("treasury"), null, null))));

        // the platform team makes the identity provider its SCIM token
        String token = given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body(Map.of("name", "e2e identity provider"))
                .post(system.identity.baseUrl() + "/scim-tokens").then().statusCode(201).extract().path("token");

        // the provider (Ping Identity's SCIM SDK here) provisions Grace and the treasury group, then adds her to it
        Client http = ClientBuilder.newClient()
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle("Authorization", "Bearer " + token));
        try {
            ScimService scim = new ScimService(http.target(system.identity.baseUrl() + "/scim/v2"));
            UserResource grace = scim.create("Users", new UserResource().setUserName("grace@example.com").setActive(true));
            GroupResource treasury = scim.create("Groups", new GroupResource().setDisplayName("biz-treasury"));
            scim.modifyRequest("Groups", treasury.getId())
                    .addValues("members", new Member().setValue(grace.getId()))
                    .invoke(GroupResource.class);

            ConsumerRecord<String, String> joined = KafkaEvents.awaitRecord(system.companion, Topics.IDENTITY,
                    record -> grace.getId().equals(record.key()), WAIT);
            assertThat(KafkaEvents.header(joined, CloudEventHeaders.TYPE)).contains(EventType.USER_JOINED_BUSINESS.ceType());
            assertThat(JsonPath.from(joined.value()).getMap("$"))
                    .containsEntry("login", "GRACE").containsEntry("business", "treasury");

            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(SQLException.class)
                    .untilAsserted(() -> assertThat(graceCounts("RAW.LEDGER_TREASURY.ACCOUNTS")).isEqualTo(2));

            // the provider takes her out of the group as Okta does, by a filter on the member
            scim.modifyRequest("Groups", treasury.getId())
                    .removeValues("members[value eq \"" + grace.getId() + "\"]")
                    .invoke(GroupResource.class);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                        () -> graceCounts("RAW.LEDGER_TREASURY.ACCOUNTS"));
                assertThat(refused.getErrorCode()).isEqualTo(2003);
            });
        } finally {
            http.close();
        }
    }

    /**
     * After the stories (so counters and timers that appear on first use exist), on the same running system: every
     * metric a Grafana panel or a Prometheus alert in deploy/ reads is exported by at least one service. No dead panel,
     * no alert that can never fire because its metric was renamed.
     */
    @Test
    @Order(3)
    void everyMetricTheDashboardsAndAlertsReadIsExported() throws Exception {
        MetricsScrape scrape = new MetricsScrape();
        Path saved = Files.createDirectories(Path.of("target", "metrics"));
        Map<String, ServiceProcess> services = Map.of("onboarding-service", system.onboarding, "connector-service",
                system.connector, "webhook-receiver", system.webhook, "grant-service", system.grant, "identity-bridge", system.identity);
        for (Map.Entry<String, ServiceProcess> service : services.entrySet()) {
            String exposition = given().get(service.getValue().baseUrl() + "/q/metrics").then().statusCode(200).extract().asString();
            scrape.add(exposition);
            // what each service exported, labels included, for whoever adds a panel next
            Files.writeString(saved.resolve(service.getKey() + ".txt"), exposition);
        }
        scrape.addSynthetic("up"); // Prometheus writes it itself for every scrape target

        Map<String, TreeSet<String>> read = MonitoringFiles.metricsRead();
        assertThat(read).as("metrics read by the dashboards and alerts").hasSizeGreaterThan(15);
        Map<String, TreeSet<String>> missing = new TreeMap<>(read);
        missing.keySet().removeIf(scrape::has);
        assertThat(missing).as("metrics read in deploy/grafana or deploy/prometheus that no service exports").isEmpty();
    }

    private static JsonPath awaitState(String id, String state) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> state.equals(view(id).getString("state")));
        return view(id);
    }

    private static JsonPath view(String id) {
        return given().auth().oauth2(TestTokens.ops()).get(system.onboarding.baseUrl() + "/onboarding-requests/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static long adaCounts(String table) throws SQLException {
        return counts("ADA", SystemUnderTest.ADA_PASSWORD, table);
    }

    private static long graceCounts(String table) throws SQLException {
        return counts("GRACE", SystemUnderTest.GRACE_PASSWORD, table);
    }

    /** A person's own session, on her own Gatehouse role, counting a table's rows as any analyst would. */
    private static long counts(String login, String password, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(system.snowflake.jdbcUrl(),
                system.snowflake.connectionProperties(login, password));
             Statement statement = connection.createStatement()) {
            statement.execute("USE ROLE GH_USER_" + login);
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
