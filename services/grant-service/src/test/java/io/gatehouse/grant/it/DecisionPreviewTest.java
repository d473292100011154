package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.events.TableAdded;
import io.gatehouse.grant.persistence.AppUser;
import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.Publication;
import io.gatehouse.grant.persistence.RoleRegistration;
import io.gatehouse.grant.persistence.SharedSchema;
import io.gatehouse.grant.persistence.SharedSchemaMember;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code ?dryRun=true} on the platform team's decisions: the statements the decision's apply job would run, planned in
 * memory by the decisions' own rules; the same the worker then runs, nothing stored, queued or registered, and the
 * same refusals as without it.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class DecisionPreviewTest extends StoryBase {

    /** A dry run answers at once; one blocked on a lock would wait for the test's lock to go. */
    private static final RestAssuredConfig BOUNDED = RestAssuredConfig.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.socket.timeout", 20_000).setParam("http.connection.timeout", 5_000));

    @Inject
    AgroalDataSource db;

    @Test
    void aTableGroupDryRunIsWhatTheWorkerThenRuns() {
        String database = unique("DB");
        String group = unique("GRP");
        String before = unique("BIZ");
        String after = unique("BIZ");
        Snowflake.table(database, "S", "T");
        String added = send(new TableAdded(database, "S", "T", group, List.of(before), null, null)).id();
        await().atMost(WAIT).until(() -> Jobs.allDone(List.of(added)));
        String body = "{\"businesses\":[\"" + after + "\"]}";

        // the group moves to another business: granted to its role; the first, left with nothing, loses its role
        JsonPath dryRun = admin(body).queryParam("dryRun", true).put("/table-groups/" + group)
                .then().statusCode(200).extract().jsonPath();
        List<String> previewed = dryRun.getList("statements.sql");
        assertThat(previewed)
                .contains("GRANT ROLE \"GH_TG_" + group + "\" TO ROLE \"GH_BIZ_" + after + "_PUBLIC\"")
                .contains("DROP ROLE IF EXISTS \"GH_BIZ_" + before + "_PUBLIC\"");
        assertThat(dryRun.getList("statements.role")).hasSameSizeAs(previewed).doesNotContainNull();
        QuarkusTransaction.requiringNew().run(() -> {    // nothing moved
            assertThat(Publication.count("tableGroup = ?1 and business = ?2", group, before)).isOne();
            assertThat(Publication.count("tableGroup = ?1 and business = ?2", group, after)).isZero();
        });

        String changeId = admin(body).put("/table-groups/" + group).then().statusCode(202)
                .extract().path("changeId");
        await().atMost(WAIT).until(() -> Jobs.allDone(List.of(changeId)));
        assertThat(new HashSet<>(previewed)).isEqualTo(new HashSet<>(Jobs.auditedOk(List.of(changeId))));
    }

    @Test
    void aMemberDryRunChangesNoFactQueuesNoJobAndRegistersNoName() {
        String schema = "LAB." + unique("TEAM");
        String a = unique("A");
        String newcomer = unique("NEW");
        Snowflake.user(a);
        declare(schema, a);
        String ssRole = "GH_SS_" + schema.replace('.', '_');
        List<Map<String, Object>> auditBefore = audit(ssRole);
        assertThat(auditBefore).isNotEmpty();
        long jobsBefore = jobCount("shared-schema:" + schema);

        admin("").queryParam("dryRun", true).post("/shared-schemas/" + schema + "/members/" + newcomer)
                .then().statusCode(200)
                .body("statements.sql", hasItem("CREATE ROLE IF NOT EXISTS \"GH_USER_" + newcomer + "\""))
                .body("statements.sql", hasItem("GRANT ROLE \"" + ssRole + "\" TO ROLE \"GH_USER_" + newcomer + "\""));

        assertThat(audit(ssRole)).isEqualTo(auditBefore);
        assertThat(audit("GH_USER_" + newcomer)).isEmpty();
        assertThat(jobCount("shared-schema:" + schema)).isEqualTo(jobsBefore);
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(ApplyJob.count("login", newcomer)).isZero();
            assertThat(SharedSchemaMember.<SharedSchemaMember>list("login", newcomer)).isEmpty();
            assertThat(AppUser.<AppUser>findByIdOptional(newcomer)).isEmpty();
            assertThat(RoleRegistration.<RoleRegistration>findByIdOptional("GH_USER_" + newcomer)).isEmpty();
        });
        given().auth().oauth2(TestTokens.ops()).when().get("/users/" + newcomer + "/access").then().statusCode(404);
    }

    @Test
    void aDryRunWaitsForNoLockTheDecisionWouldTake() throws Exception {
        String team = unique("TEAM");
        String a = unique("A");
        Snowflake.user(a);
        declare("LAB." + team, a);
        try (Connection c = db.getConnection()) {
            // a decision on the schema holding its row, as a PUT changing its warehouse would until it commits
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement(
                    "select warehouse from shared_schema where database_name = 'LAB' and schema_name = ? for update")) {
                lock.setString(1, team);
                assertThat(lock.executeQuery().next()).isTrue();
            }
            given().config(BOUNDED).auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                    .body("{\"members\":[\"" + a + "\"],\"warehouse\":\"WH_" + team + "\"}").queryParam("dryRun", true)
                    .when().put("/shared-schemas/LAB." + team).then().statusCode(200)
                    .body("statements.sql", hasItem("GRANT USAGE ON WAREHOUSE \"WH_" + team + "\" TO ROLE \"GH_SS_LAB_"
                            + team + "\""));
            c.rollback();
        }
        QuarkusTransaction.requiringNew().run(() -> assertThat(SharedSchema.<SharedSchema>findById(
                new SharedSchema.Key("LAB", team)).warehouse).isNull());
    }

    @Test
    void anInvalidDecisionIsRefusedAlikeWithDryRun() {
        String group = unique("GRP");
        assertSameRefusal(() -> admin("{}").put("/table-groups/" + group),
                () -> admin("{}").queryParam("dryRun", true).put("/table-groups/" + group), 400);
        assertSameRefusal(() -> admin("{\"businesses\":[\"ok\"]}").put("/table-groups/bad;name"),
                () -> admin("{\"businesses\":[\"ok\"]}").queryParam("dryRun", true).put("/table-groups/bad;name"), 400);
        String business = unique("BIZ");
        assertSameRefusal(() -> admin("{\"warehouse\":\"\"}").put("/businesses/" + business + "/warehouse"),
                () -> admin("{\"warehouse\":\"\"}").queryParam("dryRun", true)
                        .put("/businesses/" + business + "/warehouse"), 400);
        String undeclared = "LAB." + unique("NONE");
        assertSameRefusal(() -> admin("").post("/shared-schemas/" + undeclared + "/members/x"),
                () -> admin("").queryParam("dryRun", true).post("/shared-schemas/" + undeclared + "/members/x"), 400);
        assertSameRefusal(() -> admin("").put("/shared-schemas/NODOT"),
                () -> admin("").queryParam("dryRun", true).put("/shared-schemas/NODOT"), 400);
        // and a dry run is a decision: ops may not ask for it
        given().auth().oauth2(TestTokens.ops()).contentType("application/json").body("{\"businesses\":[]}")
                .queryParam("dryRun", true).when().put("/table-groups/" + group).then().statusCode(403);
        QuarkusTransaction.requiringNew().run(() ->
                assertThat(RoleRegistration.<RoleRegistration>findByIdOptional("GH_TG_" + group)).isEmpty());
    }

    @Test
    void aDirectGrantAndABusinessWarehouseAreDryRunToo() {
        String group = unique("GRP");
        String u = unique("U");
        String business = unique("BIZ");
        admin("{\"businesses\":[\"" + business + "\"]}").put("/table-groups/" + unique("GRP")).then().statusCode(202);
        admin("").queryParam("dryRun", true).put("/users/" + u + "/table-groups/" + group).then().statusCode(200)
                .body("statements.sql", hasItem("GRANT ROLE \"GH_TG_" + group + "\" TO ROLE \"GH_USER_" + u + "\""));
        admin("{\"warehouse\":\"WH_" + business + "\"}").queryParam("dryRun", true)
                .put("/businesses/" + business + "/warehouse").then().statusCode(200)
                .body("statements.sql", hasItem("GRANT USAGE ON WAREHOUSE \"WH_" + business + "\" TO ROLE \"GH_BIZ_"
                        + business + "_PUBLIC\""));
        // nothing to revoke from a user who was never granted the group
        admin("").queryParam("dryRun", true).delete("/users/" + u + "/table-groups/" + group).then().statusCode(200)
                .body("statements.sql", not(hasItem(startsWith("REVOKE ROLE \"GH_TG_" + group))));
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(ApplyJob.count("login", u)).isZero();
            assertThat(AppUser.<AppUser>findByIdOptional(u)).isEmpty();
        });
    }

    @Test
    void theOpenApiDocumentDescribesDryRun() {
        String openapi = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString();
        assertThat(openapi).contains("\"dryRun\"", "change nothing and answer 200");
    }

    private static void assertSameRefusal(Supplier<Response> decided,
                                          Supplier<Response> dryRun, int status) {
        Response expected = decided.get();
        Response actual = dryRun.get();
        assertThat(expected.statusCode()).isEqualTo(status);
        assertThat(actual.statusCode()).isEqualTo(status);
        assertThat(actual.contentType()).isEqualTo(expected.contentType());
        assertThat(actual.jsonPath().getString("detail")).isEqualTo(expected.jsonPath().getString("detail"));
        assertThat(actual.jsonPath().getList("errors")).isEqualTo(expected.jsonPath().getList("errors"));
    }

    private static void declare(String schema, String member) {
        String declared = admin("{\"members\":[\"" + member + "\"]}").put("/shared-schemas/" + schema)
                .then().statusCode(202).extract().path("changeId");
        await().atMost(WAIT).until(() -> Jobs.allDone(List.of(declared)));
    }

    private static RequestSpecification admin(String body) {
        var request = given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json");
        return body.isEmpty() ? request : request.body(body);
    }

    private static List<Map<String, Object>> audit(String role) {
        return given().auth().oauth2(TestTokens.ops()).queryParam("role", role).when().get("/audit")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static long jobCount(String key) {
        return QuarkusTransaction.requiringNew().call(() -> ApplyJob.count("jobKey", key));
    }
}
