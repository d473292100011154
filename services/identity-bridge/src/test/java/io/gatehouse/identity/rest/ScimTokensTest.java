package io.gatehouse.identity.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.gatehouse.identity.scim.Scim;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rotation as an operator does it: a second token while the first still works, a third refused, the old one revoked. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class ScimTokensTest {

    @Test
    void twoTokensLiveAtOnceForRotation() {
        String first = Scim.token();
        String admin = TestTokens.platformAdmin();
        io.restassured.response.Response second = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "okta next")).post("/scim-tokens");
        second.then().statusCode(201);
        String secondToken = second.path("token");
        assertThat(secondToken).startsWith("ghscim_").isNotEqualTo(first);

        Scim.as(first).get("/scim/v2/ServiceProviderConfig").then().statusCode(200);
        Scim.as(secondToken).get("/scim/v2/ServiceProviderConfig").then().statusCode(200);

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "third"))
                .post("/scim-tokens").then().statusCode(409).body("detail", containsString("revoke one"));
        // Listed without the tokens (only their hashes are kept, and never shown).
        given().auth().oauth2(admin).get("/scim-tokens").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(2))
                .body("$", everyItem(not(hasKey("token"))))
                .body("$", everyItem(not(hasKey("tokenSha256"))));

        String firstId = given().auth().oauth2(admin).get("/scim-tokens").then().extract().path("[0].id");
        given().auth().oauth2(admin).delete("/scim-tokens/" + firstId).then().statusCode(204);
        Scim.as(first).get("/scim/v2/Users").then().statusCode(401);
        Scim.as(secondToken).get("/scim/v2/Users").then().statusCode(200);
        given().auth().oauth2(admin).delete("/scim-tokens/" + firstId).then().statusCode(404);

        // Only platform admins manage tokens.
        given().auth().oauth2(TestTokens.ops()).get("/scim-tokens").then().statusCode(403);
        given().auth().oauth2(secondToken).get("/scim-tokens").then().statusCode(401);
    }
}
