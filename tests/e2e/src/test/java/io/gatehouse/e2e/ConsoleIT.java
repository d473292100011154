package io.gatehouse.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.process.ServiceProcess;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The ops console in headless Chromium, against the running system: an operator signs in (development sign-in), finds
 * a person's access and its path through the hierarchy, issues a fresh Connect Card, plans and confirms a publication,
 * replays a parked apply job and reconciles a drift. Each step is checked by what the page shows afterwards and by the
 * services' own state over their APIs. The screenshots in docs/console/ come from here.
 */
@ExtendWith(SharedSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static SystemUnderTest system;
    private static ServiceProcess console;
    private static Browser browser;
    private static String linRole;
    private static String researchRole;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.system();
        console = ServiceProcess.start("ops-console", SystemUnderTest.freePort(), consoleEnv());
        console.awaitReady(Duration.ofSeconds(120));
        browser = new Browser(console.baseUrl());

        // Lin works in research, where the lab's table is published
        system.snowflake.executeAsAdmin("CREATE USER LIN PASSWORD = 'lin-password'");
        system.snowflake.executeAsAdmin("GRANT OWNERSHIP ON USER LIN TO ROLE GATEHOUSE_ADMIN");
        system.snowflake.executeAsAdmin("CREATE USER MAX PASSWORD = 'max-password'");
        system.snowflake.executeAsAdmin("GRANT OWNERSHIP ON USER MAX TO ROLE GATEHOUSE_ADMIN");
        system.snowflake.executeAsAdmin("CREATE SCHEMA RAW.LAB");
        for (String table : List.of("SAMPLES", "RUNS")) {
            system.snowflake.executeAsAdmin("CREATE TABLE RAW.LAB." + table + " (ID NUMBER)");
            KafkaEvents.send(system.companion, KafkaEvents.record(CloudEvent.of("/connector", new TableAdded(
                    "RAW", "LAB", table, "lab", List.of("research"), null, null))));
        }
        KafkaEvents.send(system.companion, KafkaEvents.record(CloudEvent.of("/hr", new UserJoinedBusiness("u-lin", "lin", "research"))));
        JsonPath access = await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> grant().get("/users/lin/access").then().statusCode(200).extract().jsonPath(),
                        a -> a.getList("tables").size() == 2 && drift(a.getString("userRole")).isEmpty());
        linRole = access.getString("userRole");
        researchRole = access.getList("tables[0].via", String.class).get(1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    @Order(1)
    void anOperatorSignsInWithTheDevelopmentSignIn() throws Exception {
        browser.open("/access");
        browser.await("#sign-in");
        assertThat(browser.path()).startsWith("/sign-in/dev?then=");
        browser.type("#name", "pat");
        new Select(browser.find("#role")).selectByValue("platform-admin");
        browser.screenshot("sign-in");
        browser.find("#sign-in").click();

        browser.awaitText("#who", "pat · platform-admin");
        assertThat(browser.path()).isEqualTo("/access");
    }

    @Test
    @Order(2)
    void aPersonsAccessIsShownWithItsPathThroughTheHierarchy() throws Exception {
        browser.type("#login", "lin");
        browser.find("#find-person").click();

        browser.await("#path-graph");
        JsonPath access = grant().get("/users/lin/access").then().statusCode(200).extract().jsonPath();
        List<String> via = access.getList("tables[0].via", String.class);
        // the graph draws exactly the grant-service's paths: user role -> business role -> table-group role -> tables,
        // each role once
        assertThat(browser.all("#path-graph g.node")).extracting(n -> n.getAttribute("data-node")).containsExactly(
                "user:" + via.get(0), "through:" + via.get(1), "table-group:" + via.get(2),
                "table:" + access.getString("tables[0].table"), "table:" + access.getString("tables[1].table"));
        assertThat(browser.all("#path-graph line")).hasSize(4);
        assertThat(browser.find("#user-role").getText()).isEqualTo(linRole);
        browser.screenshot("access");

        // and from the table's side: who reads it, and why
        browser.find("#tables a").click();   // the first table's readers
        browser.await("#readers");
        assertThat(browser.find("#readers").getText()).contains("LIN").contains(researchRole);
        browser.screenshot("readers");
    }

    @Test
    @Order(3)
    void aFreshConnectCardIsIssuedFromTheRequestPage() throws Exception {
        String id = given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body(Map.of("service", "sql_server_rds", "groupId", SystemUnderTest.GROUP, "schemaName", "lab_source",
                        "config", Map.of("host", "lab.example.com", "port", 1433, "database", "lab", "update_method", "TELEPORT"),
                        "owner", Map.of("name", "Lou Lab", "email", "lou@example.com"),
                        "tableGroup", "lab_source", "businesses", List.of("research")))
                .post(system.onboarding.baseUrl() + "/onboarding-requests").then().statusCode(202).extract().path("id");
        await().atMost(WAIT).until(() -> "CARD_ISSUED".equals(request(id).getString("state")));

        browser.open("/onboarding?state=CARD_ISSUED");
        browser.await("#requests");
        browser.screenshot("onboarding");
        browser.find("#requests a[href='/onboarding/" + id + "']").click();
        browser.await("#card-expires");
        String first = browser.text("#card-expires");

        browser.find("#reissue").click();
        browser.await("#action-ok");
        // the card part refreshes itself: the new card shows once the connector-service has it
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> !browser.text("#card-expires").equals(first));
        browser.screenshot("request");

        JsonPath after = request(id);
        assertThat(Instant.parse(after.getString("connectCard.expiresAt")))
                .isEqualTo(Instant.parse(browser.text("#card-expires"))).isAfter(Instant.parse(first));
        assertThat(after.getList("timeline.type", String.class).stream().filter("ConnectCardIssued"::equals)).hasSize(2);
    }

    @Test
    @Order(4)
    void aPublicationIsPlannedThenConfirmed() throws Exception {
        browser.open("/catalogue");
        browser.type("#publish-lab", "research,finance");
        browser.find("#plan-publish-lab").click();
        browser.await(".plan .statements");
        String planned = browser.find(".plan .statements").getText();
        String groupRole = grant().get("/table-groups").then().extract().jsonPath()
                .getString("find { it.name == 'lab' }.role");
        assertThat(planned).containsPattern("GRANT ROLE \"" + groupRole + "\" TO ROLE \"[A-Z_]*FINANCE[A-Z_]*\"");
        // nothing changed yet: the plan was a dry run
        assertThat(publishedIn("lab")).containsExactly("research");
        browser.screenshot("catalogue");

        browser.find(".plan button.confirm").click();
        browser.await(".applied");
        await().atMost(WAIT).untilAsserted(() -> assertThat(publishedIn("lab")).containsExactlyInAnyOrder("research", "finance"));
    }

    @Test
    @Order(5)
    void aParkedJobIsReplayedOnceTheCauseIsFixed() throws Exception {
        // someone took CREATE ROLE from Gatehouse's service role: Max's join cannot create his roles, the job parks
        system.snowflake.executeAsAdmin("REVOKE CREATE ROLE ON ACCOUNT FROM ROLE GATEHOUSE_ADMIN");
        long job;
        try {
            KafkaEvents.send(system.companion, KafkaEvents.record(CloudEvent.of("/hr", new UserJoinedBusiness("u-max", "max", "archive"))));
            job = await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(
                    () -> grant().get("/failures").then().statusCode(200).extract().jsonPath()
                            .getList("findAll { it.login == 'MAX' }.id", Long.class), ids -> ids.size() == 1).get(0);
        } finally {
            system.snowflake.executeAsAdmin("GRANT CREATE ROLE ON ACCOUNT TO ROLE GATEHOUSE_ADMIN");
        }

        browser.open("/pipeline");
        WebElement row = browser.await("#parked tr[data-job='" + job + "']");
        assertThat(row.getText()).contains("MAX").contains("UserJoinedBusiness");
        browser.screenshot("pipeline");
        row.findElement(org.openqa.selenium.By.cssSelector("button.replay-job")).click();
        browser.awaitText("#parked tr[data-job='" + job + "']", "queued again");

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(grant().get("/failures").then().extract().jsonPath().getList("id", Long.class)).doesNotContain(job);
            String maxRole = grant().get("/users/max/access").then().statusCode(200).extract().path("userRole");
            assertThat(drift(maxRole)).isEmpty();
            assertThat(grant().queryParam("user", "max").get("/audit").then().extract().jsonPath()
                    .getList("findAll { it.outcome == 'OK' }")).isNotEmpty();
        });
        browser.open("/pipeline");
        assertThat(browser.all("#parked tr[data-job='" + job + "']")).isEmpty();
    }

    @Test
    @Order(6)
    void aDriftIsSeenAndReconciled() throws Exception {
        // someone revoked Lin's business role by hand in Snowflake
        system.snowflake.executeAsAdmin("REVOKE ROLE " + researchRole + " FROM ROLE " + linRole);
        await().atMost(WAIT).until(() -> !drift(linRole).isEmpty());

        browser.open("/pipeline");
        WebElement row = browser.await("#drift tr[data-role='" + linRole + "']");
        assertThat(row.getText()).contains(researchRole);
        browser.screenshot("drift");
        browser.find("#reconcile").click();
        browser.awaitText("#reconcile-result", "queued");

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> drift(linRole).isEmpty());
        browser.open("/pipeline");
        browser.await("#no-drift");
    }

    private static Map<String, String> consoleEnv() {
        Map<String, String> env = ServiceProcess.baseEnv("unused:9");
        env.put("GATEHOUSE_CONSOLE_DEV_SIGN_IN", "true");
        env.put("GATEHOUSE_OIDC_ENABLED", "false");
        env.put("GATEHOUSE_CONSOLE_DEV_PRIVATE_KEY", ServiceProcess.root()
                .resolve("libs/testing/src/main/resources/gatehouse/dev-jwt/private-key.pem").toString());
        env.put("GATEHOUSE_ONBOARDING_URL", system.onboarding.baseUrl());
        env.put("GATEHOUSE_CONNECTOR_URL", system.connector.baseUrl());
        env.put("GATEHOUSE_WEBHOOK_URL", system.webhook.baseUrl());
        env.put("GATEHOUSE_GRANT_URL", system.grant.baseUrl());
        env.put("GATEHOUSE_IDENTITY_URL", system.identity.baseUrl());
        return env;
    }

    private static io.restassured.specification.RequestSpecification grant() {
        return given().auth().oauth2(TestTokens.platformAdmin()).baseUri(system.grant.baseUrl());
    }

    private static List<Object> drift(String role) {
        return grant().queryParam("role", role).get("/drift").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static List<String> publishedIn(String group) {
        return grant().get("/table-groups").then().statusCode(200).extract().jsonPath()
                .getList("find { it.name == '" + group + "' }.publishedIn", String.class);
    }

    private static JsonPath request(String id) {
        return given().auth().oauth2(TestTokens.ops()).get(system.onboarding.baseUrl() + "/onboarding-requests/" + id)
                .then().statusCode(200).extract().jsonPath();
    }
}
