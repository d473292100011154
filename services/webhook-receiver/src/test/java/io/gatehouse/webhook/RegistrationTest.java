package io.gatehouse.webhook;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.events.Topics;
import io.gatehouse.fivetran.client.FivetranClient;
import io.gatehouse.fivetran.client.model.Connection;
import io.gatehouse.fivetran.client.model.CreateConnection;
import io.gatehouse.fivetran.sandbox.webhook.WebhookDelivery;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * HTTP + sandbox + real broker: POST /admin/fivetran-webhooks registers this endpoint once per group with the
 * service's secret, and a real sandbox sync in that group then arrives as one SyncCompleted.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class RegistrationTest {

    private static final String PATH = "/admin/fivetran-webhooks";

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    FivetranClient fivetran;
    @TestHTTPResource("/webhooks/fivetran")
    URL endpoint;

    @Test
    void registersOnceThenFindsTheExistingWebhook() {
        String group = newGroup();
        String body = "{\"groupId\":\"" + group + "\",\"url\":\"" + endpoint + "\"}";

        String id = post(TestTokens.platformAdmin(), body).statusCode(201)
                .body("created", equalTo(true)).body("groupId", equalTo(group)).body("url", equalTo(endpoint.toString()))
                .extract().path("webhookId");
        post(TestTokens.platformAdmin(), body).statusCode(200).body("created", equalTo(false)).body("webhookId", equalTo(id));

        assertThat(FivetranSandboxResource.sandbox().requestCount("POST /v1/webhooks/group/" + group)).isEqualTo(1);
    }

    @Test
    void syncInARegisteredGroupArrivesSignedWithTheServiceSecret() {
        String group = newGroup();
        post(TestTokens.platformAdmin(), "{\"groupId\":\"" + group + "\",\"url\":\"" + endpoint + "\"}").statusCode(201);
        Connection connection = fivetran.createConnection(
                CreateConnection.forConnectCard(group, "postgres_rds", "pg_registered", "https://gatehouse.example/return"));
        FivetranSandboxResource.sandbox().completeConnectCard(connection.connectCard().uri(), FivetranSandboxResource.CREDENTIAL);

        fivetran.unpause(connection.id());

        ConsumerRecord<String, String> record = Topic.await(companion, Topics.FIVETRAN, connection.id());
        assertThat(Topic.type(record)).isEqualTo("gatehouse.SyncCompleted.v1");
        assertThat(Topic.body(record).path("status").asText()).isEqualTo("SUCCESSFUL");
        // The sandbox notes a delivery once our answer is back, which may be after the event went out.
        await().atMost(Topic.WAIT).untilAsserted(() -> assertThat(FivetranSandboxResource.sandbox().webhookDeliveries())
                .filteredOn(d -> connection.id().equals(d.connectionId())).extracting(WebhookDelivery::event).contains("sync_end"));
        assertThat(Topic.events(companion, Topics.FIVETRAN, connection.id())).hasSize(1);
    }

    @Test
    void onlyPlatformAdminsMayRegister() {
        String body = "{\"groupId\":\"" + newGroup() + "\",\"url\":\"" + endpoint + "\"}";

        given().contentType("application/json").body(body).when().post(PATH).then().statusCode(401);
        post(TestTokens.ops(), body).statusCode(403);
        post(TestTokens.foreignIssuer(), body).statusCode(401);
    }

    @Test
    void badRequestsAreProblems() {
        post(TestTokens.platformAdmin(), "{\"url\":\"" + endpoint + "\"}")
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("groupId"));
        post(TestTokens.platformAdmin(), "{\"groupId\":\"g\",\"url\":\"ftp://x\"}").statusCode(400);
        // No url and no public-url configured in this profile.
        post(TestTokens.platformAdmin(), "{\"groupId\":\"" + newGroup() + "\"}").statusCode(400);
        post(TestTokens.platformAdmin(), "{\"groupId\":\"no_such_group\",\"url\":\"" + endpoint + "\"}")
                .statusCode(404).contentType("application/problem+json");
    }

    private static String newGroup() {
        String group = "reg_" + UUID.randomUUID().toString().substring(0, 8);
        FivetranSandboxResource.sandbox().addGroup(group);
        return group;
    }

    private static ValidatableResponse post(String token, String body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).when().post(PATH).then();
    }
}
