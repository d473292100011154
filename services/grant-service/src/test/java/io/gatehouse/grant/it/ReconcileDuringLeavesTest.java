package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.admin;
import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.grant.service.DriftService;
import io.gatehouse.grant.service.DriftService.RoleDrift;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * End to end (real broker, sandbox through snowflake-jdbc): reconcile during a stream of leaves never re-grants. The
 * drift (business roles revoked by hand) is scanned, the members leave, and only then do the reconcile jobs run: each
 * plans under its role's lock against the facts and grants of that moment, so the leaves win; a member who stayed gets
 * the grant back. The same holds for POST /reconcile racing the leaves over HTTP.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class ReconcileDuringLeavesTest extends StoryBase {

    @Inject
    DriftService drift;

    @Test
    void aLeaveAppliedAfterTheDriftScanWinsOverTheReconcile() throws Exception {
        String db = unique("DB");
        String biz = unique("BIZ");
        String bizRole = "GH_BIZ_" + biz + "_PUBLIC";
        Snowflake.table(db, "S", "T");
        send(new TableAdded(db, "S", "T", unique("grp"), List.of(biz), null, null));
        List<String> users = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String u = unique("R" + i);
            Snowflake.user(u);
            users.add(u);
            joins.add(send(new UserJoinedBusiness("id-" + u, u, biz)).id());
        }
        await().atMost(WAIT).until(() -> Jobs.allDone(joins) && users.stream().allMatch(u -> canRead(u, db + ".S.T")));
        // drift: someone revokes the business role from every member by hand
        users.forEach(u -> admin("REVOKE ROLE " + bizRole + " FROM ROLE GH_USER_" + u));

        List<String> scanned = new ArrayList<>();
        for (String u : users) {
            List<RoleDrift> found = drift.check(Optional.of("GH_USER_" + u));
            assertThat(found).singleElement().satisfies(d -> assertThat(d.missing()).anyMatch(s -> s.contains(bizRole)));
            scanned.add(found.get(0).role());
        }

        // after the scan, all but the last member leave, and their leaves are applied first
        List<String> leaving = users.subList(0, 3);
        List<String> leaves = new ArrayList<>();
        leaving.forEach(u -> leaves.add(send(new UserLeftBusiness("id-" + u, u, biz)).id()));
        await().atMost(WAIT).until(() -> Jobs.allDone(leaves));
        String reconcileId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> drift.enqueue(reconcileId, scanned.subList(0, 3)));
        await().atMost(WAIT).until(() -> Jobs.allDone(List.of(reconcileId)));
        assertThat(Jobs.auditedOk(List.of(reconcileId))).as("no re-grant").noneMatch(s -> s.contains(bizRole));

        // over HTTP, racing a stream of leaves: whichever comes first, the leave wins
        List<String> racing = users.subList(3, 6);
        List<String> reconciles = new ArrayList<>();
        for (String u : racing) {
            leaves.add(send(new UserLeftBusiness("id-" + u, u, biz)).id());
            reconciles.add(given().auth().oauth2(TestTokens.platformAdmin()).queryParam("role", "GH_USER_" + u)
                    .when().post("/reconcile").then().statusCode(202).extract().path("reconcileId"));
        }
        String stayed = users.get(6);
        reconciles.add(given().auth().oauth2(TestTokens.platformAdmin()).queryParam("role", "GH_USER_" + stayed)
                .when().post("/reconcile").then().statusCode(202).extract().path("reconcileId"));
        // a reconcile that found no drift (the leave came first) queued no job
        await().atMost(WAIT).until(() -> Jobs.allDone(leaves) && Jobs.settled(reconciles)
                && canRead(stayed, db + ".S.T"));

        for (String u : users.subList(0, 6)) {
            assertThat(canRead(u, db + ".S.T")).as(u + " left").isFalse();
        }
        assertThat(Snowflake.sandbox().executeAsAdmin("SHOW GRANTS OF ROLE " + bizRole))
                .noneMatch(r -> users.subList(0, 6).stream().anyMatch(u -> ("GH_USER_" + u).equals(r.get("grantee_name"))));
    }
}
