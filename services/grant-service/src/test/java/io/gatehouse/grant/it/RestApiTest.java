package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.AuditEntry;
import io.gatehouse.grant.persistence.AuditOutcome;
import io.gatehouse.grant.persistence.JobQueue;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** REST: who reads what and why, audit, failures; 401 without a token, 403 with the wrong role. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class RestApiTest extends StoryBase {

    @Inject
    JobQueue jobs;

    @Test
    void questionsAnswerWithThePathThroughTheHierarchy() {
        String db = unique("DB");
        String group = unique("GRP");
        String biz = unique("BIZ");
        String u = unique("U");
        Snowflake.table(db, "S", "T");
        Snowflake.user(u);
        send(new TableAdded(db, "S", "T", group, List.of(biz), null, null));
        String eventId = send(new UserJoinedBusiness("id-" + u, u, biz)).id();
        await().atMost(WAIT).until(() -> canRead(u, db + ".S.T"));
        List<String> path = List.of("GH_USER_" + u, "GH_BIZ_" + biz + "_PUBLIC", "GH_TG_" + group);

        given().auth().oauth2(TestTokens.ops()).when().get("/users/" + u.toLowerCase() + "/access").then().statusCode(200)
                .body("userRole", equalTo("GH_USER_" + u))
                .body("tableGroups", contains(group))
                .body("tables[0].table", equalTo("\"" + db + "\".\"S\".\"T\""))
                .body("tables[0].via", equalTo(path));
        given().auth().oauth2(TestTokens.ops()).when().get("/tables/" + db + ".S.T/readers").then().statusCode(200)
                .body("login", contains(u)).body("[0].via", equalTo(path));
        given().auth().oauth2(TestTokens.ops()).queryParam("event", eventId).when().get("/audit").then().statusCode(200)
                .body("statement", hasItem("GRANT ROLE \"GH_BIZ_" + biz + "_PUBLIC\" TO ROLE \"GH_USER_" + u + "\""))
                .body("outcome", hasItem("OK"));
        given().auth().oauth2(TestTokens.ops()).queryParam("user", u).when().get("/audit").then().statusCode(200)
                .body("statement", hasItem("GRANT ROLE \"GH_USER_" + u + "\" TO USER \"" + u + "\""));

        // Paged: one entry at a time, newest first, each next page strictly older; the pages together are the whole.
        List<Integer> all = given().auth().oauth2(TestTokens.ops()).queryParam("user", u).get("/audit").then()
                .statusCode(200).extract().path("id");
        List<Integer> paged = new java.util.ArrayList<>();
        Integer before = null;
        for (int page = 0; page <= all.size(); page++) {
            var request = given().auth().oauth2(TestTokens.ops()).queryParam("user", u).queryParam("limit", 1);
            List<Integer> ids = (before == null ? request : request.queryParam("beforeId", before))
                    .get("/audit").then().statusCode(200).extract().path("id");
            if (ids.isEmpty()) {
                break;
            }
            paged.addAll(ids);
            before = ids.get(0);
        }
        org.assertj.core.api.Assertions.assertThat(paged).isEqualTo(all).hasSizeGreaterThan(1);
        given().auth().oauth2(TestTokens.ops()).queryParam("limit", 5000).get("/audit").then().statusCode(400);
        given().auth().oauth2(TestTokens.ops()).queryParam("limit", 0).get("/failures").then().statusCode(400);
        given().auth().oauth2(TestTokens.ops()).queryParam("afterId", Long.MAX_VALUE - 1).get("/failures").then()
                .statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void unauthenticatedIs401AndTheWrongRoleIs403() {
        given().when().get("/failures").then().statusCode(401);
        given().when().get("/users/x/access").then().statusCode(401);
        given().auth().oauth2(TestTokens.noRole()).when().get("/audit").then().statusCode(403);
        given().auth().oauth2(TestTokens.ops()).contentType("application/json").body("{\"businesses\":[]}")
                .when().put("/table-groups/x").then().statusCode(403);
        given().auth().oauth2(TestTokens.ops()).when().post("/failures/1/replay").then().statusCode(403);
        given().auth().oauth2(TestTokens.foreignIssuer()).when().get("/drift").then().statusCode(401);
        given().auth().oauth2(TestTokens.ops()).when().get("/failures").then().statusCode(200);
        given().auth().oauth2(TestTokens.platformAdmin()).when().post("/failures/999999/replay").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json").body("{\"businesses\":[\"ok\"]}")
                .when().put("/table-groups/bad;name").then().statusCode(400).body("detail", org.hamcrest.Matchers
                        .containsString("cannot carry"));
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aParkedJobIsListedWithItsRolesInOrderAndAReplayRunsItAgain() {
        String eventId = unique("EV");
        List<String> roles = List.of("GH_TG_" + eventId, "GH_USER_" + eventId, "GH_BIZ_" + eventId + "_PUBLIC");
        long id = QuarkusTransaction.requiringNew().call(() -> {
            jobs.enqueue("key-" + eventId, eventId, "Test", eventId, roles);
            ApplyJob job = jobs.byEvent(eventId).get(0);
            jobs.park(job.id, 3, "x".repeat(3000));
            return job.id;
        });
        String job = "find { it.eventId == '" + eventId + "' }";

        given().auth().oauth2(TestTokens.ops()).when().get("/failures").then().statusCode(200)
                .body(job + ".id", equalTo((int) id))
                .body(job + ".key", equalTo("key-" + eventId))
                .body(job + ".eventType", equalTo("Test"))
                .body(job + ".login", equalTo(eventId))
                .body(job + ".roles", equalTo(roles))
                .body(job + ".status", equalTo("PARKED"))
                .body(job + ".attempts", equalTo(3))
                .body(job + ".lastError", equalTo("x".repeat(2000)));
        given().auth().oauth2(TestTokens.platformAdmin()).when().post("/failures/" + id + "/replay").then().statusCode(202);

        // the roles were never registered: the replayed job cannot be planned and is parked again after one attempt
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.ops()).when().get("/failures").then()
                .body(job + ".attempts", equalTo(1))
                .body(job + ".lastError", equalTo("plan: unregistered role " + roles.get(0))));
    }
}
