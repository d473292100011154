package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.unique;
import static io.gatehouse.grant.it.TableGroupWritersAndDeletionTest.LONG;
import static io.gatehouse.grant.it.TableGroupWritersAndDeletionTest.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * REST: the catalogue lists the ops console reads (GET /businesses, /table-groups, /shared-schemas) show what the
 * platform team put and the events brought, sorted by name, to an ops token; the changes stay platform-admin only.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class CatalogueReadTest extends StoryBase {

    @Test
    void businessesAndTableGroupsShowWhatWasPutAndWhatTheEventsBrought() {
        String db = unique("DB");
        String group = unique("grp").toLowerCase();
        String biz = unique("biz").toLowerCase();
        String member = unique("M");
        String writer = unique("W");
        String warehouse = Snowflake.warehouse(unique("WH"));
        Snowflake.table(db, "S", "T");
        Snowflake.user(member);
        Snowflake.user(writer);
        send(new TableAdded(db, "S", "T", group, List.of(biz), null, null));
        send(new UserJoinedBusiness("id-" + member, member, biz));
        await().atMost(LONG).until(() -> named(list("/businesses"), biz) != null
                && ((List<?>) named(list("/businesses"), biz).get("members")).contains(member));
        admin("PUT", "/table-groups/" + group + "/writers", "{\"logins\":[\"" + writer.toLowerCase() + "\"]}");
        admin("PUT", "/businesses/" + biz + "/warehouse", "{\"warehouse\":\"" + warehouse + "\"}");

        assertThat(named(list("/businesses"), biz)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "name", biz,
                "publicRole", "GH_BIZ_" + biz.toUpperCase() + "_PUBLIC",
                "warehouse", warehouse,
                "members", List.of(member),
                "tableGroups", List.of(group)));
        assertThat(named(list("/table-groups"), group)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "name", group,
                "role", "GH_TG_" + group.toUpperCase(),
                "tables", List.of(db + ".S.T"),
                "publishedIn", List.of(biz),
                "writers", List.of(writer)));

        admin("DELETE", "/businesses/" + biz + "/warehouse", null);
        assertThat(named(list("/businesses"), biz)).containsEntry("warehouse", null);
        assertSortedByName(list("/businesses"));
        assertSortedByName(list("/table-groups"));
    }

    @Test
    void sharedSchemasShowTheirRoleAndMembers() {
        String schema = unique("SHARED");
        String a = unique("A");
        String b = unique("B");
        Snowflake.user(a);
        Snowflake.user(b);
        admin("PUT", "/shared-schemas/LAB." + schema, "{\"members\":[\"" + b + "\",\"" + a + "\"]}");

        assertThat(named(list("/shared-schemas"), "LAB." + schema)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "name", "LAB." + schema,
                "role", "GH_SS_LAB_" + schema,
                "database", "LAB",
                "schema", schema,
                "members", List.of(a, b)));
        assertSortedByName(list("/shared-schemas"));
    }

    @Test
    void opsReadsTheListsButChangesNothing() {
        for (String path : List.of("/businesses", "/table-groups", "/shared-schemas")) {
            given().auth().oauth2(TestTokens.ops()).when().get(path).then().statusCode(200);
            given().auth().oauth2(TestTokens.noRole()).when().get(path).then().statusCode(403);
            given().when().get(path).then().statusCode(401);
        }
        given().auth().oauth2(TestTokens.ops()).contentType("application/json").body("{\"businesses\":[]}")
                .when().put("/table-groups/x").then().statusCode(403);
        given().auth().oauth2(TestTokens.ops()).contentType("application/json").body("{\"members\":[]}")
                .when().put("/shared-schemas/LAB.X").then().statusCode(403);
        given().auth().oauth2(TestTokens.ops()).contentType("application/json").body("{\"warehouse\":\"WH\"}")
                .when().put("/businesses/finance/warehouse").then().statusCode(403);
        given().auth().oauth2(TestTokens.ops()).when().delete("/businesses/finance").then().statusCode(403);
    }

    private static List<Map<String, Object>> list(String path) {
        return given().auth().oauth2(TestTokens.ops()).when().get(path).then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    private static Map<String, Object> named(List<Map<String, Object>> items, String name) {
        return items.stream().filter(i -> name.equals(i.get("name"))).findFirst().orElse(null);
    }

    private static void assertSortedByName(List<Map<String, Object>> items) {
        List<String> names = items.stream().map(i -> (String) i.get("name")).toList();
        assertThat(names).isSorted().doesNotHaveDuplicates();
    }
}
