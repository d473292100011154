package io.gatehouse.identity.scim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a provider gets wrong is refused with a SCIM error body naming it, and publishes nothing: every refused request
 * below carries one marker, and no record on gatehouse.identity carries it afterwards.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class BadInputTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void refusedRequestsAnswerScimErrorsAndPublishNothing() {
        String m = Scim.marker();
        String token = Scim.token();
        String ada = user(token, "ada" + m + "@example.com").statusCode(201).extract().path("id");

        // Filters: malformed, or beyond what this service filters with.
        for (String filter : new String[] {"userName eq", "userName eq \"x", "userName sw \"ada\"",
                "userName eq \"a\" or userName eq \"b\"", "(userName eq \"a\")", "emails.value eq \"a@b\"", "userName"}) {
            scimError(Scim.as(token).queryParam("filter", filter).get("/scim/v2/Users").then(), 400, "invalidFilter");
        }
        scimError(Scim.as(token).queryParam("filter", "members.display eq \"x\"").get("/scim/v2/Groups").then(),
                400, "invalidFilter");

        // Unknown members, on create and on patch.
        scimError(Scim.as(token).body("""
                {"schemas": ["%s"], "displayName": "biz-bad%s", "members": [{"value": "no-such-user-%s"}]}"""
                .formatted(GROUP, m, m)).post("/scim/v2/Groups").then(), 400, "invalidValue")
                .body("detail", containsString("no-such-user-" + m));
        String group = Scim.as(token).body("""
                {"schemas": ["%s"], "displayName": "biz-bad%s"}""".formatted(GROUP, m))
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        scimError(Scim.as(token).body("""
                {"schemas": ["%s"], "Operations": [{"op": "add", "path": "members", "value": [{"value": "%s"},
                 {"value": "ghost-%s"}]}]}""".formatted(PATCH, ada, m))
                .patch("/scim/v2/Groups/" + group).then(), 400, "invalidValue");

        // Uniqueness: the same userName in another case, another userName folding into the same login, a group name.
        scimError(user(token, "ADA" + m + "@example.com"), 409, "uniqueness");
        scimError(user(token, "ada" + m + "@other.example.com"), 409, "uniqueness")
                .body("detail", containsString("ADA" + m.toUpperCase()));
        scimError(Scim.as(token).body("""
                {"schemas": ["%s"], "displayName": "BIZ-BAD%s"}""".formatted(GROUP, m))
                .post("/scim/v2/Groups").then(), 409, "uniqueness");
        // Two businesses whose names fold into one role (fold.x and fold_x both give GH_BIZ_FOLD_X_PUBLIC).
        Scim.as(token).body("""
                {"schemas": ["%s"], "displayName": "biz-fold.%s"}""".formatted(GROUP, m))
                .post("/scim/v2/Groups").then().statusCode(201);
        scimError(Scim.as(token).body("""
                {"schemas": ["%s"], "displayName": "biz-fold_%s"}""".formatted(GROUP, m))
                .post("/scim/v2/Groups").then(), 409, "uniqueness")
                .body("detail", containsString("GH_BIZ_FOLD_" + m.toUpperCase() + "_PUBLIC"));

        // Names the grant-service could not turn into a role: refused here, not dead-lettered there.
        scimError(user(token, "o'brien" + m + "@example.com"), 400, "invalidValue")
                .body("detail", containsString("'"));
        scimError(user(token, "zoë" + m + "@example.com"), 400, "invalidValue");
        scimError(Scim.as(token).body("""
                {"schemas": ["%s"], "displayName": "biz-fin;drop%s"}""".formatted(GROUP, m))
                .post("/scim/v2/Groups").then(), 400, "invalidValue");

        // Not SCIM: no userName, not JSON, a PATCH without the PatchOp schema, an unknown op, a read-only attribute.
        scimError(Scim.as(token).body("{\"schemas\": [\"" + USER + "\"], \"displayName\": \"x" + m + "\"}")
                .post("/scim/v2/Users").then(), 400, "invalidValue");
        scimError(Scim.as(token).body("{\"userName\": ").post("/scim/v2/Users").then(), 400, "invalidSyntax");
        scimError(Scim.as(token).body("{\"Operations\": [{\"op\": \"add\", \"path\": \"displayName\", \"value\": \"" + m + "\"}]}")
                .patch("/scim/v2/Users/" + ada).then(), 400, "invalidSyntax");
        scimError(Scim.as(token).body("""
                {"schemas": ["%s"], "Operations": [{"op": "move", "path": "displayName", "value": "%s"}]}""".formatted(PATCH, m))
                .patch("/scim/v2/Users/" + ada).then(), 400, "invalidSyntax");
        scimError(Scim.as(token).body("""
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "id", "value": "%s"}]}""".formatted(PATCH, m))
                .patch("/scim/v2/Users/" + ada).then(), 400, "mutability");
        scimError(Scim.as(token).body("""
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "active", "value": "maybe"}]}""".formatted(PATCH))
                .patch("/scim/v2/Users/" + ada).then(), 400, "invalidValue");
        scimError(Scim.as(token).get("/scim/v2/Users/no-such-" + m).then(), 404, null);
        scimError(Scim.as(token).queryParam("count", "ten").get("/scim/v2/Users").then(), 400, "invalidValue");

        // A body over the 1 MB limit.
        String huge = "{\"schemas\": [\"" + USER + "\"], \"userName\": \"huge" + m + "@example.com\", \"title\": \""
                + "x".repeat(2 * 1024 * 1024) + "\"}";
        Scim.as(token).body(huge).post("/scim/v2/Users").then().statusCode(413);

        // Tokens: none, another scheme, unknown, a platform JWT (SCIM takes only SCIM tokens).
        scimError(given().contentType(Scim.MEDIA).get("/scim/v2/Users").then(), 401, null);
        scimError(given().header("Authorization", "Basic YWRhOnB3").get("/scim/v2/Users").then(), 401, null);
        scimError(given().auth().oauth2("ghscim_not-a-token-" + m).body(Map.of("userName", "t" + m))
                .contentType(Scim.MEDIA).post("/scim/v2/Users").then(), 401, null)
                .header("WWW-Authenticate", containsString("Bearer"));
        scimError(given().auth().oauth2(TestTokens.platformAdmin()).get("/scim/v2/Users").then(), 401, null);

        // ada was created and joined nothing: nothing on the topic names her, or any refused name.
        assertThat(IdentityTopic.settled(kafka, r -> r.value().toLowerCase().contains(m) || ada.equals(r.key()))).isEmpty();
        Scim.as(token).queryParam("filter", "userName eq \"huge" + m + "@example.com\"").get("/scim/v2/Users").then()
                .statusCode(200).body("totalResults", equalTo(0));
    }

    private static ValidatableResponse user(String token, String userName) {
        return Scim.as(token).body("{\"schemas\": [\"" + USER + "\"], \"userName\": \"" + userName + "\"}")
                .post("/scim/v2/Users").then();
    }

    private static ValidatableResponse scimError(ValidatableResponse response, int status, String scimType) {
        response.statusCode(status)
                .contentType(containsString("application/scim+json"))
                .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"))
                .body("status", equalTo(String.valueOf(status)));
        if (scimType != null) {
            response.body("scimType", equalTo(scimType));
        }
        return response;
    }
}
