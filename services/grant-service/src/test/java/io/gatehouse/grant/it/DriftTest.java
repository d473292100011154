package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.admin;
import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;

import io.gatehouse.events.TableAdded;
import io.gatehouse.events.Topics;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** End to end: grants changed by hand on a managed role show up in /drift; reconcile restores the desired state. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class DriftTest extends StoryBase {

    @Test
    void aHandMadeGrantIsExtraARevokedOneMissingAndReconcileRestoresBoth() {
        String db = unique("DB");
        String group = unique("grp");
        String biz = unique("biz");
        String u = unique("U");
        Snowflake.table(db, "S", "T");
        Snowflake.table(db, "S", "OTHER");
        Snowflake.user(u);
        send(new TableAdded(db, "S", "T", group, List.of(biz), null, null));
        send(new UserJoinedBusiness("id-" + u, u, biz));
        await().atMost(WAIT).until(() -> canRead(u, db + ".S.T"));
        String role = "GH_TG_" + group.toUpperCase();

        admin("GRANT SELECT ON TABLE " + db + ".S.OTHER TO ROLE " + role);
        admin("REVOKE SELECT ON TABLE " + db + ".S.T FROM ROLE " + role);

        given().auth().oauth2(TestTokens.ops()).queryParam("role", role).when().get("/drift").then().statusCode(200)
                .body("[0].role", org.hamcrest.Matchers.equalTo(role))
                .body("[0].missing", hasItem("GRANT SELECT ON TABLE \"" + db + "\".\"S\".\"T\" TO ROLE \"" + role + "\""))
                .body("[0].extra", hasItem("REVOKE SELECT ON TABLE \"" + db + "\".\"S\".\"OTHER\" FROM ROLE \"" + role + "\""));
        given().auth().oauth2(TestTokens.ops()).queryParam("role", role).when().post("/reconcile").then().statusCode(403);

        given().auth().oauth2(TestTokens.platformAdmin()).queryParam("role", role).when().post("/reconcile")
                .then().statusCode(202).body("drifts[0].role", org.hamcrest.Matchers.equalTo(role));

        // the reconcile job plans and runs the fix
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.ops()).queryParam("role", role)
                .when().get("/drift").then().statusCode(200).body("$", empty()));
        await().atMost(WAIT).until(() -> canRead(u, db + ".S.T") && !canRead(u, db + ".S.OTHER"));
        KafkaEvents.awaitRecord(companion, Topics.ACCESS, r -> role.equals(r.key())
                && KafkaEvents.header(r, "ce_type").orElse("").contains("DriftDetected"), WAIT);
    }

    /** A system role granted by hand to a managed role is an escalation: reported, never a failed check. */
    @Test
    void aSystemRoleGrantedByHandIsReportedForAnOperator() {
        String u = unique("U");
        String biz = unique("biz");
        Snowflake.user(u);
        send(new UserJoinedBusiness("id-" + u, u, biz));
        String role = "GH_USER_" + u.toUpperCase();
        await().atMost(WAIT).until(() -> given().auth().oauth2(TestTokens.ops()).get("/users/" + u + "/access").statusCode() == 200
                && !given().auth().oauth2(TestTokens.ops()).queryParam("user", u).get("/audit").jsonPath().getList("$").isEmpty());

        admin("GRANT ROLE SECURITYADMIN TO ROLE " + role);

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.ops()).queryParam("role", role).when().get("/drift")
                .then().statusCode(200)
                .body("[0].role", org.hamcrest.Matchers.equalTo(role))
                .body("[0].notReconciled[0]", org.hamcrest.Matchers.containsString("SECURITYADMIN")));
    }

    /** The parallel scan over many roles finds exactly the roles the one-role (serial) check finds drifted. */
    @Test
    void aScanOverManyRolesFindsTheSameDriftedRolesAsEachRoleAlone() {
        String db = unique("DB");
        String biz = unique("BIZ");
        Snowflake.table(db, "S", "T");
        send(new TableAdded(db, "S", "T", unique("GRP"), List.of(biz), null, null));
        List<String> users = java.util.stream.IntStream.range(0, 24).mapToObj(i -> unique("M")).toList();
        users.forEach(Snowflake::user);
        users.forEach(u -> send(new UserJoinedBusiness("id-" + u, u, biz)));
        await().atMost(WAIT).until(() -> users.stream().allMatch(u -> canRead(u, db + ".S.T")));
        List<String> roles = users.stream().map(u -> "GH_USER_" + u).toList();
        java.util.Set<String> tampered = java.util.Set.of(roles.get(3), roles.get(11), roles.get(20));
        admin("REVOKE ROLE GH_BIZ_" + biz + "_PUBLIC FROM ROLE " + roles.get(3));
        admin("GRANT SELECT ON TABLE " + db + ".S.T TO ROLE " + roles.get(11));
        admin("GRANT ROLE " + roles.get(20) + " TO ROLE SECURITYADMIN");

        List<String> scanned = given().auth().oauth2(TestTokens.ops()).when().get("/drift").then().statusCode(200)
                .extract().jsonPath().getList("role", String.class);
        java.util.Set<String> oneByOne = new java.util.HashSet<>();
        for (String role : roles) {
            if (!given().auth().oauth2(TestTokens.ops()).queryParam("role", role).when().get("/drift").then()
                    .statusCode(200).extract().jsonPath().getList("role").isEmpty()) {
                oneByOne.add(role);
            }
        }
        org.assertj.core.api.Assertions.assertThat(oneByOne).isEqualTo(tampered);
        org.assertj.core.api.Assertions.assertThat(scanned.stream().filter(roles::contains))
                .containsExactlyInAnyOrderElementsOf(tampered);
    }
}
