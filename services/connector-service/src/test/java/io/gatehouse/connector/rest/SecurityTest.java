package io.gatehouse.connector.rest;

import static io.restassured.RestAssured.given;

import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * HTTP: the connector-service (its /dead-letters) answers only a bearer JWT from the configured issuer, for our audience, unexpired and signed by
 * its key; each token below is a valid platform-admin token but for that one respect, so 401 names the check.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class SecurityTest {

    private static final String PATH = "/dead-letters";

    @Test
    void validTokenIsAccepted() {
        given().auth().oauth2(TestTokens.platformAdmin()).get(PATH).then().statusCode(200);
    }

    @Test
    void tokenForAnotherAudienceIs401() {
        given().auth().oauth2(TestTokens.otherAudience()).get(PATH).then().statusCode(401);
    }

    @Test
    void expiredTokenIs401() {
        given().auth().oauth2(TestTokens.expired()).get(PATH).then().statusCode(401);
    }

    @Test
    void tokenSignedByAnotherKeyIs401() {
        given().auth().oauth2(TestTokens.signedByAnotherKey()).get(PATH).then().statusCode(401);
    }
}
