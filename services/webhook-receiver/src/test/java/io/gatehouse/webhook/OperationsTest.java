package io.gatehouse.webhook;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** HTTP: health, Prometheus counters and the OpenAPI document are open and describe this service. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class OperationsTest {

    @Test
    void healthIsUp() {
        given().when().get("/q/health").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("UP"));
    }

    @Test
    void deliveriesAreCountedByEventAndOutcome() {
        SignedWebhooks.postSigned(SignedWebhooks.event("sync_start", SignedWebhooks.connectionId(), "{}")).statusCode(200);
        SignedWebhooks.post("{}", "00").statusCode(401);

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("gatehouse_webhook_deliveries_total{event=\"sync_start\",outcome=\"ignored\"}"))
                .body(containsString("gatehouse_webhook_deliveries_total{event=\"unknown\",outcome=\"bad_signature\"}"));
    }

    @Test
    void openApiDocumentsTheEndpoints() {
        given().when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/webhooks/fivetran"))
                .body(containsString("/connect-card/return"))
                .body(containsString("/admin/fivetran-webhooks"));
    }
}
