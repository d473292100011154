package io.gatehouse.webhook;

import static io.restassured.RestAssured.given;

import io.gatehouse.webhook.domain.WebhookSignature;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Builds Fivetran-shaped webhook bodies and posts them over HTTP, signed or not. */
final class SignedWebhooks {

    /** The %test value of gatehouse.webhook.fivetran-secret. */
    static final String SECRET = "dev-fivetran-webhook-secret";
    static final String PATH = "/webhooks/fivetran";

    private SignedWebhooks() {
    }

    static String sign(String body) {
        return new WebhookSignature(SECRET).sign(body.getBytes(StandardCharsets.UTF_8));
    }

    static ValidatableResponse post(String body, String signature) {
        var request = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request = request.header(WebhookSignature.HEADER, signature);
        }
        return request.when().post(PATH).then();
    }

    static ValidatableResponse postSigned(String body) {
        return post(body, sign(body));
    }

    static String connectionId() {
        return "conn_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static String event(String event, String connectionId, String dataJson) {
        return event(event, connectionId, dataJson, Instant.now());
    }

    static String event(String event, String connectionId, String dataJson, Instant created) {
        return """
                {"event":"%s","created":"%s","connector_type":"postgres_rds","connector_id":"%s","connector_name":"pg",\
                "sync_id":"%s","destination_group_id":"gatehouse_group","data":%s}"""
                .formatted(event, created, connectionId, UUID.randomUUID(), dataJson);
    }

    static String syncEnd(String connectionId, String status) {
        return event("sync_end", connectionId, "{\"status\":\"" + status + "\"}");
    }
}
