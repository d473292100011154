package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.asUser;
import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;

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
 * End to end: a table group's write role reaches only the writers the platform team names (never a business), and
 * deleting the group takes both its roles from every holder and drops them, leaving no drift.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class TableGroupWritersAndDeletionTest extends StoryBase {

    /** Generous: on a loaded machine a login to the sandbox alone can take seconds. */
    static final java.time.Duration LONG = WAIT.multipliedBy(3);

    static boolean canInsert(String login, String table) {
        try {
            asUser(login, "INSERT INTO " + table + " VALUES (7)");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    static String admin(String method, String path, String body) {
        var request = given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json");
        if (body != null) {
            request.body(body);
        }
        return request.when().request(method, path).then().statusCode(202).extract().path("changeId");
    }

    @Test
    void aNamedWriterInsertsABusinessReaderIsRefusedAndANewTableReachesBothRoles() throws SQLException {
        String db = unique("DB");
        String group = unique("grp").toLowerCase();
        String biz = unique("biz").toLowerCase();
        String writer = unique("W");
        String reader = unique("R");
        Snowflake.table(db, "S", "T");
        Snowflake.user(writer);
        Snowflake.user(reader);
        send(new TableAdded(db, "S", "T", group, List.of(biz), null, null));
        send(new UserJoinedBusiness("id-" + reader, reader, biz));
        await().atMost(LONG).until(() -> canRead(reader, db + ".S.T"));

        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body("{\"logins\":[\"" + writer + "\"]}")
                .when().put("/table-groups/" + group + "/writers").then().statusCode(202)
                .body("roles", hasItems("GH_TG_" + group.toUpperCase() + "_WRITE", "GH_USER_" + writer));

        await().atMost(LONG).until(() -> canInsert(writer, db + ".S.T"));
        assertThat(asUser(writer, "SELECT COUNT(*) FROM " + db + ".S.T")).containsExactly("2");
        assertThatThrownBy(() -> asUser(reader, "INSERT INTO " + db + ".S.T VALUES (8)"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(3001))
                .hasMessageContaining("Insufficient privileges");
        assertThat(asUser(reader, "SELECT COUNT(*) FROM " + db + ".S.T")).containsExactly("2");
        given().auth().oauth2(TestTokens.ops()).when().get("/users/" + writer + "/access").then().statusCode(200)
                .body("tables[0].via", org.hamcrest.Matchers.contains("GH_USER_" + writer,
                        "GH_TG_" + group.toUpperCase() + "_WRITE", "GH_TG_" + group.toUpperCase()));

        Snowflake.table(db, "S", "T2");
        send(new TableAdded(db, "S", "T2", group, List.of(biz), null, null));
        await().atMost(LONG).until(() -> canInsert(writer, db + ".S.T2") && canRead(reader, db + ".S.T2"));
        assertThat(canInsert(reader, db + ".S.T2")).isFalse();
    }

    @Test
    void deletingAGroupRevokesItFromEveryBusinessAndUserDropsItsRolesAndLeavesNoDrift() throws SQLException {
        String db = unique("DB");
        String group = unique("grp").toLowerCase();
        String other = unique("grp").toLowerCase();
        String biz = unique("biz").toLowerCase();
        String member = unique("M");
        String direct = unique("D");
        String writer = unique("W");
        String readRole = "GH_TG_" + group.toUpperCase();
        String bizRole = "GH_BIZ_" + biz.toUpperCase() + "_PUBLIC";
        Snowflake.table(db, "S", "T");
        Snowflake.table(db, "S", "KEPT");
        List.of(member, direct, writer).forEach(Snowflake::user);
        send(new TableAdded(db, "S", "T", group, List.of(biz), null, null));
        send(new TableAdded(db, "S", "KEPT", other, List.of(biz), null, null));
        send(new UserJoinedBusiness("id-" + member, member, biz));
        admin("PUT", "/users/" + direct + "/table-groups/" + group, null);
        admin("PUT", "/table-groups/" + group + "/writers", "{\"logins\":[\"" + writer + "\"]}");
        await().atMost(LONG).until(() -> canRead(member, db + ".S.T") && canRead(direct, db + ".S.T")
                && canInsert(writer, db + ".S.T"));

        String changeId = admin("DELETE", "/table-groups/" + group, null);

        await().atMost(LONG).until(() -> Jobs.allDone(List.of(changeId)));
        assertThat(Jobs.auditedOk(List.of(changeId))).contains(
                "REVOKE ROLE \"" + readRole + "\" FROM ROLE \"" + bizRole + "\"",
                "REVOKE ROLE \"" + readRole + "\" FROM ROLE \"GH_USER_" + direct + "\"",
                "REVOKE ROLE \"" + readRole + "_WRITE\" FROM ROLE \"GH_USER_" + writer + "\"",
                "DROP ROLE IF EXISTS \"" + readRole + "_WRITE\"",
                "DROP ROLE IF EXISTS \"" + readRole + "\"");
        assertThat(asService("SHOW ROLES LIKE '" + readRole + "%'")).isEmpty();
        assertThat(asService("SHOW GRANTS TO ROLE \"" + bizRole + "\"")).doesNotContain(readRole)
                .contains("GH_TG_" + other.toUpperCase());
        assertThat(canRead(member, db + ".S.T")).isFalse();
        assertThat(canRead(direct, db + ".S.T")).isFalse();
        assertThat(canInsert(writer, db + ".S.T")).isFalse();
        assertThat(canRead(member, db + ".S.KEPT")).isTrue();
        noDrift(List.of(readRole, readRole + "_WRITE", bizRole, "GH_USER_" + member, "GH_USER_" + direct,
                "GH_USER_" + writer));
        given().auth().oauth2(TestTokens.platformAdmin()).when().delete("/table-groups/" + group).then()
                .statusCode(404).contentType("application/problem+json");

        // a TableAdded naming the group declares it again, published where the event says; writers are not restored
        send(new TableAdded(db, "S", "T", group, List.of(biz), null, null));
        await().atMost(LONG).until(() -> canRead(member, db + ".S.T"));
        assertThat(canRead(direct, db + ".S.T")).isFalse();
        assertThat(canInsert(writer, db + ".S.T")).isFalse();
    }

    @Test
    void aWriteRoleNameHeldByAnotherGroupIsRefusedAndAnUnknownGroupHasNoWriters() {
        String group = unique("grp").toLowerCase();
        admin("PUT", "/table-groups/" + group + "_write", "{\"businesses\":[]}");
        admin("PUT", "/table-groups/" + group, "{\"businesses\":[]}");
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json").body("{\"logins\":[\"ada\"]}")
                .when().put("/table-groups/" + group + "/writers").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("already held by table_group '" + group + "_write'"));
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json").body("{\"logins\":[\"ada\"]}")
                .when().put("/table-groups/" + unique("nope") + "/writers").then().statusCode(404)
                .contentType("application/problem+json");
    }

    /**
     * Neither the full scan nor a scan of each role reports drift for these roles (the dropped ones included). Other
     * stories sharing this application leave drift of their own on purpose, so the full answer is not asserted empty.
     */
    static void noDrift(List<String> roles) {
        List<String> drifted = given().auth().oauth2(TestTokens.ops()).when().get("/drift").then().statusCode(200)
                .extract().jsonPath().getList("role", String.class);
        assertThat(drifted).doesNotContainAnyElementsOf(roles);
        for (String role : roles) {
            given().auth().oauth2(TestTokens.ops()).queryParam("role", role).when().get("/drift").then().statusCode(200)
                    .body("$", empty());
        }
    }

    /** The second column of SHOW output (a role's name, or what a grant is on) as the service user sees it. */
    static List<String> asService(String sql) throws SQLException {
        try (var c = java.sql.DriverManager.getConnection(Snowflake.sandbox().jdbcUrl(), Snowflake.sandbox()
                .connectionProperties(SnowflakeSandboxResource.SERVICE_USER, SnowflakeSandboxResource.SERVICE_PASSWORD));
             var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            List<String> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString("name"));
            }
            return values;
        }
    }
}
