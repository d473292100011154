package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.gatehouse.events.TableAdded;
import io.gatehouse.events.Topics;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A leave whose REVOKE an administrator undoes by hand right after it ran (on their own snowflake-jdbc session) is
 * reported by the delayed read-back: UNVERIFIED in the audit, the counter on /q/metrics, DriftDetected on Kafka.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class RevokeVerificationTest extends StoryBase {

    @Test
    void aLeaveUndoneByHandRightAfterItRanIsReported() throws Exception {
        String db = unique("DB");
        String biz = unique("BIZ");
        String u = unique("U");
        Snowflake.table(db, "S", "T");
        Snowflake.user(u);
        send(new TableAdded(db, "S", "T", unique("GRP"), List.of(biz), null, null));
        send(new UserJoinedBusiness("id-" + u, u, biz));
        await().atMost(StoryBase.WAIT).until(() -> canRead(u, db + ".S.T"));
        String userRole = "\"GH_USER_" + u + "\"";
        String businessRole = "\"GH_BIZ_" + biz + "_PUBLIC\"";

        try (Connection admin = DriverManager.getConnection(Snowflake.sandbox().jdbcUrl(),
                Snowflake.sandbox().connectionProperties(Snowflake.sandbox().adminUser(), "admin-secret"));
             Statement s = admin.createStatement()) {
            s.execute("USE ROLE SECURITYADMIN");
            String left = send(new UserLeftBusiness("id-" + u, u, biz)).id();
            await().atMost(StoryBase.WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> !holds(s, userRole, businessRole));
            s.execute("GRANT ROLE " + businessRole + " TO ROLE " + userRole);

            String revoke = "REVOKE ROLE " + businessRole + " FROM ROLE " + userRole;
            await().atMost(StoryBase.WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.ops())
                    .queryParam("event", left).when().get("/audit").then().statusCode(200)
                    .body("findAll { it.outcome == 'UNVERIFIED' }.statement", hasItem(revoke))
                    .body("findAll { it.outcome == 'UNVERIFIED' }.errorMessage",
                            hasItem(containsString("still holds"))));
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*gatehouse_grant_revokes_unverified_total(\\{[^}]*\\})? [1-9].*"));
        KafkaEvents.awaitRecord(companion, Topics.ACCESS, r -> ("GH_USER_" + u).equals(r.key())
                && KafkaEvents.header(r, "ce_type").orElse("").contains("DriftDetected"), StoryBase.WAIT);
    }

    private static boolean holds(Statement s, String role, String held) throws java.sql.SQLException {
        try (var rs = s.executeQuery("SHOW GRANTS TO ROLE " + role)) {
            while (rs.next()) {
                if ("ROLE".equals(rs.getString("granted_on")) && held.equals("\"" + rs.getString("name") + "\"")) {
                    return true;
                }
            }
        }
        return false;
    }
}
