package io.gatehouse.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Payloads as Microsoft Entra ID and Okta send them (from their public SCIM documentation), quirks included, replayed
 * over HTTP and checked on gatehouse.identity.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class ProviderPayloadsTest {

    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    private String token;

    @BeforeEach
    void token() {
        token = Scim.token();
    }

    /** learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups, request by request. */
    @Test
    void entraIdProvisionsWithItsQuirks() {
        String m = Scim.marker();
        String userName = "Test_User_" + m + "@contoso.com";
        String userId = Scim.as(token).body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId": "0a21f0f2-%s", "userName": "%s", "active": true,
                 "emails": [{"primary": true, "type": "work", "value": "%s"}],
                 "meta": {"resourceType": "User"},
                 "name": {"formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName"},
                 "roles": []}""".formatted(m, userName, userName))
                .post("/scim/v2/Users").then().statusCode(201)
                .body("userName", equalTo(userName))
                .body("meta.resourceType", equalTo("User"))
                .extract().path("id");

        // Entra finds users by userName before it creates them, and groups without their members.
        Scim.as(token).queryParam("filter", "userName eq \"" + userName + "\"")
                .get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(userId));
        String groupId = Scim.as(token).body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "externalId": "8aa1a0c0-%s",
                 "displayName": "biz-entra%s", "members": [], "meta": {"resourceType": "Group"}}""".formatted(m, m))
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        Scim.as(token).queryParam("excludedAttributes", "members").queryParam("filter", "displayName eq \"biz-entra" + m + "\"")
                .get("/scim/v2/Groups").then().statusCode(200)
                .body("totalResults", equalTo(1))
                .body("Resources[0]", not(hasKey("members")));

        // Capitalised ops, a member list as the value; sent twice (Entra retries): one event.
        String add = """
                {"schemas": ["%s"], "Operations": [{"op": "Add", "path": "members",
                 "value": [{"$ref": null, "value": "%s"}]}]}""".formatted(PATCH, userId);
        Scim.as(token).body(add).patch("/scim/v2/Groups/" + groupId).then().statusCode(200);
        Scim.as(token).body(add).patch("/scim/v2/Groups/" + groupId).then().statusCode(200);
        String login = ("Test_User_" + m).toUpperCase();
        assertThat(IdentityTopic.await(kafka, userId, 1)).extracting(IdentityTopic::change)
                .containsExactly("joined entra" + m + " as " + login);

        // Attribute updates as Entra writes them: a filtered e-mail path and a sub-attribute.
        Scim.as(token).body("""
                {"schemas": ["%s"], "Operations": [
                  {"op": "Add", "path": "emails[type eq \\"work\\"].value", "value": "updated%s@contoso.com"},
                  {"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"}]}""".formatted(PATCH, m))
                .patch("/scim/v2/Users/" + userId).then().statusCode(200)
                .body("emails[0].value", equalTo("updated" + m + "@contoso.com"))
                .body("name.familyName", equalTo("updatedFamilyName"));

        // Booleans as strings (without the aadOptscim062020 flag): "False" disables the user.
        Scim.as(token).body("""
                {"schemas": ["%s"], "Operations": [{"op": "Replace", "path": "active", "value": "False"}]}""".formatted(PATCH))
                .patch("/scim/v2/Users/" + userId).then().statusCode(200)
                .body("active", equalTo(false));
        assertThat(IdentityTopic.await(kafka, userId, 2)).extracting(IdentityTopic::change)
                .containsExactly("joined entra" + m + " as " + login, "left entra" + m + " as " + login);

        // Re-enabled, then removed from the group by a value list.
        Scim.as(token).body("""
                {"schemas": ["%s"], "Operations": [{"op": "Replace", "path": "active", "value": "True"}]}""".formatted(PATCH))
                .patch("/scim/v2/Users/" + userId).then().statusCode(200).body("active", equalTo(true));
        Scim.as(token).body("""
                {"schemas": ["%s"], "Operations": [{"op": "Remove", "path": "members",
                 "value": [{"$ref": null, "value": "%s"}]}]}""".formatted(PATCH, userId))
                .patch("/scim/v2/Groups/" + groupId).then().statusCode(200).body("members.size()", equalTo(0));
        assertThat(IdentityTopic.await(kafka, userId, 4)).extracting(IdentityTopic::change).containsExactly(
                "joined entra" + m + " as " + login, "left entra" + m + " as " + login,
                "joined entra" + m + " as " + login, "left entra" + m + " as " + login);
        assertThat(IdentityTopic.settled(kafka, r -> userId.equals(r.key()))).hasSize(4);
    }

    /** developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20: create with a password, PUT, deactivate by PATCH. */
    @Test
    void oktaProvisionsWholeGroupsAndDeactivates() {
        String m = Scim.marker();
        String userName = "okta" + m + "@example.com";
        Scim.as(token).queryParam("filter", "userName eq \"" + userName + "\"").queryParam("startIndex", 1)
                .queryParam("count", 100)
                .get("/scim/v2/Users").then().statusCode(200).body("totalResults", equalTo(0));
        String userId = Scim.as(token).body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "%s",
                 "name": {"givenName": "John", "familyName": "Doe"}, "emails": [{"primary": true, "value": "%s",
                 "type": "work"}], "displayName": "John Doe", "locale": "en-US", "externalId": "00ujl29u0le5T6Aj10h7",
                 "groups": [], "password": "1mz050nq", "active": true}""".formatted(userName, userName))
                .post("/scim/v2/Users").then().statusCode(201)
                .body("$", not(hasKey("password")))
                .body("groups.size()", equalTo(0))
                .extract().path("id");
        String other = Scim.as(token).body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "oktb%s@example.com",
                 "active": true}""".formatted(m))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");

        // Okta's older integrations push a whole group with PUT.
        String groupId = Scim.as(token).body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "biz-okta%s"}""".formatted(m))
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        Scim.as(token).body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "id": "%s", "displayName": "biz-okta%s",
                 "members": [{"value": "%s", "display": "%s"}, {"value": "%s"}]}""".formatted(groupId, m, userId, userName, other))
                .put("/scim/v2/Groups/" + groupId).then().statusCode(200).body("members.size()", equalTo(2));
        String login = ("okta" + m).toUpperCase();
        assertThat(IdentityTopic.await(kafka, userId, 1)).extracting(IdentityTopic::change)
                .containsExactly("joined okta" + m + " as " + login);

        // Okta removes one member by a filtered path.
        Scim.as(token).body("""
                {"schemas": ["%s"], "Operations": [{"op": "remove", "path": "members[value eq \\"%s\\"]"}]}""".formatted(PATCH, other))
                .patch("/scim/v2/Groups/" + groupId).then().statusCode(200).body("members.size()", equalTo(1));
        assertThat(IdentityTopic.await(kafka, other, 2)).extracting(IdentityTopic::change).containsExactly(
                "joined okta" + m + " as OKTB" + m.toUpperCase(), "left okta" + m + " as OKTB" + m.toUpperCase());

        // PUT of the whole user keeps it; PATCH without a path deactivates it: it leaves the business.
        Scim.as(token).body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "%s", "userName": "%s",
                 "name": {"givenName": "Johnny", "familyName": "Doe"}, "active": true}""".formatted(userId, userName))
                .put("/scim/v2/Users/" + userId).then().statusCode(200).body("name.givenName", equalTo("Johnny"));
        Scim.as(token).body("""
                {"schemas": ["%s"], "Operations": [{"op": "replace", "value": {"active": false}}]}""".formatted(PATCH))
                .patch("/scim/v2/Users/" + userId).then().statusCode(200).body("active", equalTo(false));
        assertThat(IdentityTopic.await(kafka, userId, 2)).extracting(IdentityTopic::change)
                .containsExactly("joined okta" + m + " as " + login, "left okta" + m + " as " + login);

        // Deleting the group: its remaining (inactive) member has left already, nothing more is published.
        Scim.as(token).delete("/scim/v2/Groups/" + groupId).then().statusCode(204);
        Scim.as(token).get("/scim/v2/Groups/" + groupId).then().statusCode(404)
                .body("status", equalTo("404"));
        assertThat(IdentityTopic.settled(kafka, r -> userId.equals(r.key()) || other.equals(r.key()))).hasSize(4);
    }

    @Test
    void deletingAUserOrAGroupMakesMembersLeave() {
        String m = Scim.marker();
        String a = user("dela" + m);
        String b = user("delb" + m);
        String groupId = Scim.as(token).body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "biz-del%s",
                 "members": [{"value": "%s"}, {"value": "%s"}]}""".formatted(m, a, b))
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        IdentityTopic.await(kafka, a, 1);
        IdentityTopic.await(kafka, b, 1);

        Scim.as(token).delete("/scim/v2/Users/" + a).then().statusCode(204);
        assertThat(IdentityTopic.await(kafka, a, 2)).extracting(IdentityTopic::change)
                .endsWith("left del" + m + " as DELA" + m.toUpperCase());
        Scim.as(token).delete("/scim/v2/Groups/" + groupId).then().statusCode(204);
        assertThat(IdentityTopic.await(kafka, b, 2)).extracting(IdentityTopic::change)
                .endsWith("left del" + m + " as DELB" + m.toUpperCase());
    }

    @Test
    void renamingALoginLeavesUnderTheOldOneAndJoinsUnderTheNew() {
        String m = Scim.marker();
        String id = user("old" + m);
        Scim.as(token).body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "biz-ren%s",
                 "members": [{"value": "%s"}]}""".formatted(m, id))
                .post("/scim/v2/Groups").then().statusCode(201);
        IdentityTopic.await(kafka, id, 1);
        Scim.as(token).body("""
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "userName", "value": "new%s@example.com"}]}"""
                .formatted(PATCH, m))
                .patch("/scim/v2/Users/" + id).then().statusCode(200);
        assertThat(IdentityTopic.await(kafka, id, 3)).extracting(IdentityTopic::change).containsExactly(
                "joined ren" + m + " as OLD" + m.toUpperCase(), "left ren" + m + " as OLD" + m.toUpperCase(),
                "joined ren" + m + " as NEW" + m.toUpperCase());
    }

    @Test
    void etagsGuardWrites() {
        String m = Scim.marker();
        io.restassured.response.Response created = Scim.as(token).body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "etag%s@example.com"}""".formatted(m))
                .post("/scim/v2/Users");
        String id = created.then().statusCode(201).extract().path("id");
        String etag = created.header("ETag");
        assertThat(created.<String>path("meta.version")).isEqualTo(etag);
        assertThat(created.header("Location")).endsWith("/scim/v2/Users/" + id);

        Scim.as(token).header("If-Match", etag).body("""
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "displayName", "value": "E"}]}""".formatted(PATCH))
                .patch("/scim/v2/Users/" + id).then().statusCode(200).header("ETag", not(equalTo(etag)));
        Scim.as(token).header("If-Match", etag).body("""
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "displayName", "value": "F"}]}""".formatted(PATCH))
                .patch("/scim/v2/Users/" + id).then().statusCode(412)
                .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"));
    }

    private String user(String login) {
        return Scim.as(token).body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "%s@example.com"}""".formatted(login))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
    }
}
