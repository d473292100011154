package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static io.gatehouse.grant.it.TableGroupWritersAndDeletionTest.LONG;
import static io.gatehouse.grant.it.TableGroupWritersAndDeletionTest.admin;
import static io.gatehouse.grant.it.TableGroupWritersAndDeletionTest.asService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;

import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** End to end: a shared schema's role goes (its schema only when asked), and a retired business takes its role with it. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class SharedSchemaAndBusinessDeletionTest extends StoryBase {

    @Test
    void deletingASharedSchemaDropsItsRoleAndKeepsTheSchemaUnlessAskedToDropIt() throws SQLException {
        String kept = unique("KEPT");
        String dropped = unique("GONE");
        String member = unique("A");
        Snowflake.user(member);
        String keptPut = admin("PUT", "/shared-schemas/LAB." + kept, "{\"members\":[\"" + member + "\"]}");
        String droppedPut = admin("PUT", "/shared-schemas/LAB." + dropped, "{\"members\":[\"" + member + "\"]}");
        // dropSchema needs Gatehouse's CREATE SCHEMA recorded in its ledger: the declaring job must be done
        await().atMost(LONG).until(() -> Jobs.allDone(List.of(keptPut, droppedPut)));
        await().atMost(LONG).until(() -> SharedSchemaTest.canCreate(member, "LAB." + kept + ".MINE"));
        await().atMost(LONG).until(() -> SharedSchemaTest.canCreate(member, "LAB." + dropped + ".MINE"));

        String keptId = admin("DELETE", "/shared-schemas/LAB." + kept, null);
        String droppedId = given().auth().oauth2(TestTokens.platformAdmin()).queryParam("dropSchema", true)
                .when().delete("/shared-schemas/LAB." + dropped).then().statusCode(202).extract().path("changeId");

        await().atMost(LONG).until(() -> Jobs.allDone(List.of(keptId, droppedId)));
        assertThat(asService("SHOW ROLES LIKE 'GH_SS_LAB_" + kept + "'")).isEmpty();
        assertThat(asService("SHOW ROLES LIKE 'GH_SS_LAB_" + dropped + "'")).isEmpty();
        assertThat(asService("SHOW SCHEMAS LIKE '" + kept + "' IN DATABASE LAB")).containsExactly(kept);
        assertThat(asService("SHOW SCHEMAS LIKE '" + dropped + "' IN DATABASE LAB")).isEmpty();
        assertThat(canRead(member, "LAB." + kept + ".MINE")).isFalse();
        assertThat(Jobs.auditedOk(List.of(droppedId))).contains("DROP SCHEMA IF EXISTS \"LAB\".\"" + dropped + "\"");
        assertThat(Jobs.auditedOk(List.of(keptId))).noneMatch(sql -> sql.startsWith("DROP SCHEMA"));
        given().auth().oauth2(TestTokens.platformAdmin()).when().delete("/shared-schemas/LAB." + kept).then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void retiringABusinessEndsEveryMembershipAndDropsItsRoleButKeepsTheGroup() throws SQLException {
        String db = unique("DB");
        String group = unique("grp").toLowerCase();
        String biz = unique("biz").toLowerCase();
        String other = unique("biz").toLowerCase();
        String a = unique("A");
        String b = unique("B");
        String bizRole = "GH_BIZ_" + biz.toUpperCase() + "_PUBLIC";
        Snowflake.table(db, "S", "T");
        Snowflake.user(a);
        Snowflake.user(b);
        send(new TableAdded(db, "S", "T", group, List.of(biz, other), null, null));
        send(new UserJoinedBusiness("id-" + a, a, biz));
        send(new UserJoinedBusiness("id-" + b, b, biz));
        send(new UserJoinedBusiness("id-" + b, b, other));
        await().atMost(LONG).until(() -> canRead(a, db + ".S.T") && canRead(b, db + ".S.T"));

        String changeId = admin("DELETE", "/businesses/" + biz, null);

        await().atMost(LONG).until(() -> Jobs.allDone(List.of(changeId)));
        assertThat(asService("SHOW ROLES LIKE '" + bizRole + "'")).isEmpty();
        assertThat(asService("SHOW ROLES LIKE 'GH_TG_" + group.toUpperCase() + "'")).hasSize(1);
        assertThat(canRead(a, db + ".S.T")).isFalse();
        assertThat(canRead(b, db + ".S.T")).isTrue(); // still through the other business
        given().auth().oauth2(TestTokens.ops()).when().get("/users/" + a + "/access").then().statusCode(200)
                .body("roles", empty());
        TableGroupWritersAndDeletionTest.noDrift(List.of(bizRole, "GH_USER_" + a, "GH_USER_" + b,
                "GH_TG_" + group.toUpperCase()));
        given().auth().oauth2(TestTokens.platformAdmin()).when().delete("/businesses/" + biz).then()
                .statusCode(404).contentType("application/problem+json");
    }
}
