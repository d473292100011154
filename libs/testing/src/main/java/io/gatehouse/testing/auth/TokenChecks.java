package io.gatehouse.testing.auth;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

/**
 * The bearer-token checks every Gatehouse service must pass, run by each service's own {@code @QuarkusTest} subclass on
 * one of its protected endpoints: a valid platform-admin token is accepted, and a token that is valid in every respect
 * but one (another audience, expired, signed by another key) is 401.
 */
public abstract class TokenChecks {

    /** A GET endpoint of the service that a platform-admin may read and that answers 200 without side effects. */
    protected abstract String protectedPath();

    @Test
    void validTokenIsAccepted() {
        given().auth().oauth2(TestTokens.platformAdmin()).get(protectedPath()).then().statusCode(200);
    }

    @Test
    void tokenForAnotherAudienceIs401() {
        given().auth().oauth2(TestTokens.otherAudience()).get(protectedPath()).then().statusCode(401);
    }

    @Test
    void expiredTokenIs401() {
        given().auth().oauth2(TestTokens.expired()).get(protectedPath()).then().statusCode(401);
    }

    @Test
    void tokenSignedByAnotherKeyIs401() {
        given().auth().oauth2(TestTokens.signedByAnotherKey()).get(protectedPath()).then().statusCode(401);
    }
}
