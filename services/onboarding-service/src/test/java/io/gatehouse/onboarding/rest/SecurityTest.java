package io.gatehouse.onboarding.rest;

import static io.restassured.RestAssured.given;

import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** HTTP: a bearer JWT from the configured issuer, for our audience, unexpired and signed by its key is required; writing needs platform-admin, reading ops or platform-admin. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class SecurityTest {

    @Test
    void noTokenIs401() {
        given().get("/onboarding-requests").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Requests.body(Requests.marker())).post("/onboarding-requests")
                .then().statusCode(401);
    }

    @Test
    void tokenFromAnotherIssuerIs401() {
        given().auth().oauth2(TestTokens.foreignIssuer()).get("/onboarding-requests").then().statusCode(401);
    }

    @Test
    void tokenForAnotherAudienceIs401() {
        given().auth().oauth2(TestTokens.otherAudience()).get("/onboarding-requests").then().statusCode(401);
    }

    @Test
    void expiredTokenIs401() {
        given().auth().oauth2(TestTokens.expired()).get("/onboarding-requests").then().statusCode(401);
    }

    @Test
    void tokenSignedByAnotherKeyIs401() {
        given().auth().oauth2(TestTokens.signedByAnotherKey()).get("/onboarding-requests").then().statusCode(401);
    }

    /** deny-unannotated: a method someone forgot to annotate is refused, never open (UnannotatedResource, test-only). */
    @Test
    void aMethodWithoutRoleAnnotationIsRefused() {
        given().get(UnannotatedResource.PATH).then().statusCode(401);
        given().auth().oauth2(TestTokens.platformAdmin()).get(UnannotatedResource.PATH).then().statusCode(403);
    }

    @Test
    void opsMayReadButNotWrite() {
        Requests.asOps().get("/onboarding-requests").then().statusCode(200);
        Requests.asOps().contentType(ContentType.JSON).body(Requests.body(Requests.marker()))
                .post("/onboarding-requests").then().statusCode(403);
        Requests.asOps().post("/onboarding-requests/any-id/connect-card").then().statusCode(403);
        Requests.asOps().post("/onboarding-requests/any-id/reactivation").then().statusCode(403);
    }

    @Test
    void aTokenWithoutRoleIs403() {
        given().auth().oauth2(TestTokens.noRole()).get("/onboarding-requests").then().statusCode(403);
        given().auth().oauth2(TestTokens.noRole()).get("/onboarding-requests/x").then().statusCode(403);
    }

    @Test
    void adminMayReadAndWrite() {
        String id = Requests.create(Requests.marker());
        Requests.asAdmin().get("/onboarding-requests/" + id).then().statusCode(200);
    }

    @Test
    void healthMetricsAndOpenApiStayOpen() {
        given().get("/q/health").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/onboarding-requests"));
    }
}
