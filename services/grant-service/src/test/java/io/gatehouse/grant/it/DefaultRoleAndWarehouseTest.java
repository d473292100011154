package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.admin;
import static io.gatehouse.grant.it.Snowflake.asLoggedIn;
import static io.gatehouse.grant.it.Snowflake.errorLoggedIn;
import static io.gatehouse.grant.it.Snowflake.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;

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

/**
 * As production runs it: reading rows needs a warehouse (000606 without one). People log in naming no role and no
 * warehouse, each on their own connection, and land where Gatehouse set their defaults.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class DefaultRoleAndWarehouseTest extends StoryBase {

    @Test
    void aMemberLandsOnItsUserRoleAndItsBusinessWarehouseOthersGet2003Or000606() throws SQLException {
        String db = unique("DB");
        String finance = unique("finance").toLowerCase();
        String ops = unique("ops").toLowerCase();
        String lab = unique("lab").toLowerCase();
        String financeWh = Snowflake.warehouse(unique("FIN_WH"));
        String opsWh = Snowflake.warehouse(unique("OPS_WH"));
        String member = unique("FIN");
        String other = unique("OPS");
        String noWarehouse = unique("LAB");
        Snowflake.table(db, "S", "T");
        Snowflake.table(db, "O", "T");
        Snowflake.table(db, "L", "T");
        List.of(member, other, noWarehouse).forEach(Snowflake::user);
        putWarehouse(finance, financeWh);
        putWarehouse(ops, opsWh);
        send(new TableAdded(db, "S", "T", unique("ledger").toLowerCase(), List.of(finance), null, null));
        send(new TableAdded(db, "O", "T", unique("fleet").toLowerCase(), List.of(ops), null, null));
        send(new TableAdded(db, "L", "T", unique("trials").toLowerCase(), List.of(lab), null, null));
        send(new UserJoinedBusiness("id-" + member, member, finance));
        send(new UserJoinedBusiness("id-" + other, other, ops));
        send(new UserJoinedBusiness("id-" + noWarehouse, noWarehouse, lab));

        Snowflake.sandbox().setRequireWarehouse(true);
        try {
            await().atMost(WAIT).until(() -> errorLoggedIn(member, "SELECT * FROM " + db + ".S.T") == 0);
            assertThat(asLoggedIn(member, "SELECT * FROM " + db + ".S.T")).containsExactly("1");
            assertThat(asLoggedIn(member, "SELECT CURRENT_ROLE()")).containsExactly("GH_USER_" + member);
            assertThat(asLoggedIn(member, "SELECT CURRENT_WAREHOUSE()")).containsExactly(financeWh);

            // another business: its own table reads, the finance table does not exist for it
            await().atMost(WAIT).until(() -> errorLoggedIn(other, "SELECT * FROM " + db + ".O.T") == 0);
            assertThatThrownBy(() -> asLoggedIn(other, "SELECT * FROM " + db + ".S.T"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(2003));

            // a business without a warehouse: the role may read its table, but there is nothing to run the query on
            await().atMost(WAIT).until(() -> errorLoggedIn(noWarehouse, "SELECT * FROM " + db + ".L.T") == 606);
            assertThatThrownBy(() -> asLoggedIn(noWarehouse, "SELECT * FROM " + db + ".L.T"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("57P03");
                        assertThat(e.getMessage()).contains("No active warehouse selected");
                    });
            assertThat(asLoggedIn(noWarehouse, "SELECT CURRENT_ROLE()")).containsExactly("GH_USER_" + noWarehouse);
        } finally {
            Snowflake.sandbox().setRequireWarehouse(false);
        }
    }

    @Test
    void aMovedWarehouseIsRevokedAndFollowedByTheDefaultAHandRevokeIsDriftAndRemovingItUnsetsTheDefault() throws SQLException {
        String db = unique("DB");
        String biz = unique("biz").toLowerCase();
        String first = Snowflake.warehouse(unique("WH"));
        String second = Snowflake.warehouse(unique("WH"));
        String member = unique("M");
        String role = "GH_BIZ_" + biz.toUpperCase() + "_PUBLIC";
        Snowflake.table(db, "S", "T");
        Snowflake.user(member);
        putWarehouse(biz, first);
        send(new TableAdded(db, "S", "T", unique("grp").toLowerCase(), List.of(biz), null, null));
        send(new UserJoinedBusiness("id-" + member, member, biz));
        await().atMost(WAIT).until(() -> first.equals(currentWarehouse(member)));

        putWarehouse(biz, second);
        await().atMost(WAIT).until(() -> second.equals(currentWarehouse(member)));
        assertThat(Snowflake.sandbox().executeAsAdmin("SHOW GRANTS TO ROLE " + role))
                .filteredOn(r -> "WAREHOUSE".equals(r.get("granted_on"))).extracting(r -> r.get("name"))
                .containsExactly(second);

        admin("REVOKE USAGE ON WAREHOUSE " + second + " FROM ROLE " + role);
        given().auth().oauth2(TestTokens.ops()).queryParam("role", role).when().get("/drift").then().statusCode(200)
                .body("[0].missing", hasItem("GRANT USAGE ON WAREHOUSE \"" + second + "\" TO ROLE \"" + role + "\""));

        given().auth().oauth2(TestTokens.platformAdmin()).when().delete("/businesses/" + biz + "/warehouse")
                .then().statusCode(202);
        // (the business's USAGE may go before the member's job unsets the default: wait for the user's defaults)
        await().atMost(WAIT).until(() -> defaults(member).equals(List.of("null", "GH_USER_" + member)));
        assertThat(currentWarehouse(member)).isNull();
        given().auth().oauth2(TestTokens.ops()).queryParam("role", role).when().get("/drift").then().statusCode(200)
                .body("$", empty());
    }

    /** DEFAULT_WAREHOUSE and DEFAULT_ROLE as DESC USER shows them. */
    private static List<String> defaults(String login) {
        return Snowflake.sandbox().executeAsAdmin("DESC USER " + login).stream()
                .filter(r -> r.get("property").startsWith("DEFAULT_")).map(r -> r.get("value")).toList();
    }

    private static String currentWarehouse(String login) throws SQLException {
        return asLoggedIn(login, "SELECT CURRENT_WAREHOUSE()").get(0);
    }

    @Test
    void aWarehouseNameGatehouseCannotQuoteIsRefusedAndOnlyThePlatformTeamSetsOne() {
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body("{\"warehouse\":\"WH\\u0007\"}").when().put("/businesses/finance/warehouse")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("warehouse"));
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body("{\"members\":[],\"warehouse\":\"\"}").when().put("/shared-schemas/LAB.X")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.ops()).when().delete("/businesses/finance/warehouse").then().statusCode(403);
    }

    private static void putWarehouse(String business, String warehouse) {
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body("{\"warehouse\":\"" + warehouse + "\"}")
                .when().put("/businesses/" + business + "/warehouse").then().statusCode(202);
    }
}
