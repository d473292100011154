package io.gatehouse.webhook;

import static io.restassured.RestAssured.given;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import java.util.List;
import java.util.Map;

/** What the Fivetran sandbox has registered, read through its API ({@code GET /v1/webhooks}). */
final class SandboxWebhooks {

    private SandboxWebhooks() {
    }

    /** How many webhooks send the group's events to {@code url}. */
    static long sendingTo(String url, String group) {
        List<Map<String, Object>> items = given().baseUri(FivetranSandboxResource.sandbox().baseUrl())
                .auth().preemptive().basic(FivetranSandboxResource.API_KEY, FivetranSandboxResource.API_SECRET)
                .when().get("/v1/webhooks").then().statusCode(200).extract().jsonPath().getList("data.items");
        return items.stream().filter(w -> url.equals(w.get("url")) && group.equals(w.get("group_id"))).count();
    }
}
