package io.gatehouse.onboarding.rest;

import static io.restassured.RestAssured.given;

import io.gatehouse.testing.auth.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds request bodies and calls the API as the platform team or ops would. */
final class Requests {

    private Requests() {
    }

    /** A valid body; {@code marker} makes it findable (owner email, schema name). */
    static Map<String, Object> body(String marker) {
        Map<String, Object> config = new HashMap<>();
        config.put("host", "sql.example.com");
        config.put("port", 1433);
        config.put("database", "sales");
        config.put("update_method", "TELEPORT");
        Map<String, Object> body = new HashMap<>();
        body.put("service", "sql_server_rds");
        body.put("groupId", "warehouse_group");
        body.put("schemaName", "sales_" + marker.replace('-', '_'));
        body.put("config", config);
        body.put("owner", Map.of("name", "Ada Owner", "email", "ada+" + marker + "@example.com"));
        body.put("tableGroup", "sales_core");
        body.put("businesses", List.of("finance", "sales"));
        return body;
    }

    static String marker() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.platformAdmin());
    }

    static RequestSpecification asOps() {
        return given().auth().oauth2(TestTokens.ops());
    }

    static Response post(Map<String, Object> body) {
        return asAdmin().contentType(ContentType.JSON).body(body).post("/onboarding-requests");
    }

    /** POSTs a valid request and returns its id. */
    static String create(String marker) {
        return post(body(marker)).then().statusCode(202).extract().path("id");
    }

    static Response get(String id) {
        return asOps().get("/onboarding-requests/" + id);
    }
}
