package io.gatehouse.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.gatehouse.testing.auth.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The development sign-in and the console's own guards, over HTTP (the services are down in this test). */
@QuarkusTest
class SignInTest {

    @Test
    void aPageWithoutSessionSendsTheBrowserToTheSignInForm() {
        given().redirects().follow(false).get("/pipeline?user=ada")
                .then().statusCode(302).header("Location", "/sign-in/dev?then=%2Fpipeline%3Fuser%3Dada");
        given().get("/sign-in/dev").then().statusCode(200).body(containsString("Sign in (development only)"));
    }

    @Test
    void signingInSetsAStrictHttpOnlyCookieAndGoesBackWhereTheBrowserWanted() {
        Response signIn = signIn("ada.ops", "ops", "/access");
        assertThat(signIn.statusCode()).isEqualTo(303);
        assertThat(signIn.header("Location")).endsWith("/access");
        assertThat(signIn.header("Set-Cookie")).contains("gatehouse_dev_session=").contains("HttpOnly")
                .containsIgnoringCase("SameSite=Strict");
        given().cookie("gatehouse_dev_session", signIn.cookie("gatehouse_dev_session")).get("/access")
                .then().statusCode(200).body(containsString("ada.ops · ops"));
    }

    @Test
    void aRedirectLeadsOnlyToThisConsole() {
        assertThat(signIn("ada", "ops", "//evil.example.com/x").header("Location")).doesNotContain("evil");
        assertThat(signIn("ada", "ops", "https://evil.example.com/").header("Location")).doesNotContain("evil");
    }

    @Test
    void aBadNameOrRoleIsRefusedWithTheForm() {
        assertThat(signIn("ada", "root", "/").statusCode()).isEqualTo(400);
        assertThat(signIn("<script>", "ops", "/").statusCode()).isEqualTo(400);
    }

    @Test
    void aSessionCookieSignedByAnotherKeyOrExpiredIsNoSession() {
        for (String forged : new String[] {TestTokens.signedByAnotherKey(), TestTokens.expired(), TestTokens.otherAudience()}) {
            given().redirects().follow(false).cookie("gatehouse_dev_session", forged).get("/access")
                    .then().statusCode(302).header("Location", containsString("/sign-in/dev"));
        }
    }

    @Test
    void actionsNeedTheConsolesOwnHtmxCallAndTheAdminRole() {
        String admin = signIn("pat", "platform-admin", "/").cookie("gatehouse_dev_session");
        String ops = signIn("oz", "ops", "/").cookie("gatehouse_dev_session");
        // a cross-site form post carries the cookie (were it not SameSite) but never the HX-Request header
        given().cookie("gatehouse_dev_session", admin).post("/pipeline/reconcile").then().statusCode(403);
        given().cookie("gatehouse_dev_session", ops).header("HX-Request", "true").post("/pipeline/reconcile")
                .then().statusCode(403);
        // the admin's htmx call goes through to the grant-service, which is down here: the answer says so
        given().cookie("gatehouse_dev_session", admin).header("HX-Request", "true").post("/pipeline/reconcile")
                .then().statusCode(200).body(containsString("grant-service did not answer"));
    }

    @Test
    void aPageShowsWhatItCouldGetAndSaysWhichServiceDidNotAnswer() {
        String ops = signIn("oz", "ops", "/").cookie("gatehouse_dev_session");
        given().cookie("gatehouse_dev_session", ops).get("/pipeline").then().statusCode(200)
                .body(containsString("Pipeline health"))
                .body(containsString("onboarding-service did not answer"))
                .body(containsString("grant-service did not answer"));
    }

    private static Response signIn(String name, String role, String then) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("name", name).formParam("role", role).formParam("then", then)
                .post("/sign-in/dev");
    }
}
