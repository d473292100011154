package io.gatehouse.identity.scim;

import static io.restassured.RestAssured.given;

import com.unboundid.scim2.client.ScimService;
import io.gatehouse.testing.auth.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** Calls the SCIM endpoints as an identity provider does: a bearer token made through the operators' API. */
public final class Scim {

    public static final String MEDIA = "application/scim+json";

    private Scim() {
    }

    /** A new SCIM token; the ones live before are revoked (test classes run one after another, each with its own). */
    public static String token() {
        java.util.List<String> live = given().auth().oauth2(TestTokens.platformAdmin())
                .get("/scim-tokens").then().statusCode(200).extract().path("id");
        live.forEach(id -> given().auth().oauth2(TestTokens.platformAdmin()).delete("/scim-tokens/" + id)
                .then().statusCode(204));
        return given().auth().oauth2(TestTokens.platformAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "test " + marker()))
                .post("/scim-tokens").then().statusCode(201).extract().path("token");
    }

    /** The UnboundID SCIM 2 SDK's client, pointed at this service with the token. */
    public static ScimService client(URI base, String token) {
        return new ScimService(ClientBuilder.newClient()
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle("Authorization", "Bearer " + token))
                .target(base));
    }

    /** A raw request with the token, sending SCIM's media type. */
    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(MEDIA + "; charset=UTF-8").accept(MEDIA);
    }

    public static String marker() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
