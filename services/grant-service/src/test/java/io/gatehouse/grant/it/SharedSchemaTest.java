package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.asUser;
import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** End to end: a managed-access shared schema lets its members create tables and read each other's; others cannot. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class SharedSchemaTest extends StoryBase {

    static boolean canCreate(String login, String table) {
        try {
            asUser(login, "CREATE TABLE " + table + " (id INT)");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void membersCreateTablesAndReadEachOthersNonMembersCannot() throws SQLException {
        String schema = unique("TEAM");
        String a = unique("A");
        String b = unique("B");
        String outsider = unique("C");
        Snowflake.user(a);
        Snowflake.user(b);
        Snowflake.user(outsider);
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body("{\"members\":[\"" + a + "\",\"" + b + "\"]}")
                .when().put("/shared-schemas/LAB." + schema).then().statusCode(202);
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body("{\"members\":[\"" + outsider + "\"]}")
                .when().put("/shared-schemas/LAB." + unique("ELSEWHERE")).then().statusCode(202);
        // (the outsider has a user role through another schema, so a failure below is about privileges)

        await().atMost(WAIT).until(() -> canCreate(a, "LAB." + schema + ".BY_A"));
        asUser(a, "INSERT INTO LAB." + schema + ".BY_A VALUES (1)");
        await().atMost(WAIT).until(() -> canCreate(b, "LAB." + schema + ".BY_B"));

        assertThat(asUser(b, "SELECT COUNT(*) FROM LAB." + schema + ".BY_A")).containsExactly("1");
        assertThat(canRead(a, "LAB." + schema + ".BY_B")).isTrue();
        assertThat(Snowflake.sandbox().executeAsAdmin("SHOW SCHEMAS LIKE '" + schema + "' IN DATABASE LAB"))
                .isNotEmpty();
        assertThat(canRead(outsider, "LAB." + schema + ".BY_A")).isFalse();
        assertThat(canCreate(outsider, "LAB." + schema + ".BY_C")).isFalse();
    }

    /** An existing schema without managed access is not Gatehouse's to manage: the job parks, saying why. */
    @Test
    void anExistingSchemaWithoutManagedAccessIsRefusedWithTheReason() {
        String schema = unique("PLAIN");
        String a = unique("A");
        Snowflake.user(a);
        Snowflake.admin("CREATE SCHEMA LAB." + schema);

        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body("{\"members\":[\"" + a + "\"]}")
                .when().put("/shared-schemas/LAB." + schema).then().statusCode(202);

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.ops()).when().get("/failures")
                .then().statusCode(200)
                .body("findAll { it.lastError != null && it.lastError.contains('" + schema + "') }.lastError",
                        org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString(
                                "refusing to manage shared schema \"LAB\".\"" + schema + "\": it exists without managed access"))));
        assertThat(canCreate(a, "LAB." + schema + ".BY_A")).isFalse();
    }
}
