package io.gatehouse.faults;

import static io.restassured.RestAssured.given;

import io.gatehouse.fivetran.sandbox.FivetranSandbox;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.faults.FaultProxy;
import io.gatehouse.testing.process.KafkaProcess;
import io.gatehouse.testing.process.ServiceDatabases;
import io.gatehouse.testing.process.ServiceProcess;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The onboarding side as production runs it: onboarding-service, connector-service and webhook-receiver as packaged
 * processes on a Kafka broker process, the Fivetran sandbox as Fivetran. The sandbox reaches the receiver's
 * webhook endpoint through a {@link FaultProxy}, so a story can lose webhooks on the way. Times are short where a
 * story would otherwise wait for a day (a card's life) or a quarter of an hour (the sync poll).
 */
final class OnboardingStack implements AutoCloseable {

    static final String GROUP = "faults_group";
    static final String CREDENTIAL = "correct-horse";
    /** Gatehouse's idea of a card's life here; the sandbox is told a day passed with {@code expireConnectCards}. */
    static final Duration CARD_TTL = Duration.ofSeconds(30);
    private static final String FIVETRAN_KEY = "faults-key";
    private static final String FIVETRAN_SECRET = "faults-secret";

    final KafkaProcess kafka;
    final FivetranSandbox fivetran;
    final FaultProxy webhooks;
    final ServiceDatabases databases = new ServiceDatabases();
    final ServiceProcess onboarding;
    final ServiceProcess connector;
    final ServiceProcess receiver;

    OnboardingStack() throws Exception {
        kafka = KafkaProcess.start();
        fivetran = FivetranSandbox.builder().apiKey(FIVETRAN_KEY).apiSecret(FIVETRAN_SECRET).group(GROUP)
                .acceptedCredential(CREDENTIAL).syncDuration(Duration.ofSeconds(1))
                .webhookRetryIncrement(Duration.ofMillis(300)).webhookMaxAttempts(3).start();
        int receiverPort = KafkaProcess.freePort();
        webhooks = FaultProxy.to("127.0.0.1", receiverPort);

        Map<String, String> common = ServiceProcess.fivetranEnv(kafka.bootstrapServers(), fivetran.baseUrl(), FIVETRAN_KEY,
                FIVETRAN_SECRET, "faults-state-key-faults-state-key-faults");

        Map<String, String> connectorEnv = new HashMap<>(common);
        connectorEnv.put("GATEHOUSE_CONNECTOR_RETURN_URL", "http://127.0.0.1:" + receiverPort + "/connect-card/return");
        connectorEnv.put("GATEHOUSE_CONNECTOR_CARD_TTL", "PT" + CARD_TTL.toSeconds() + "S");
        connectorEnv.put("GATEHOUSE_CONNECTOR_POLL_INTERVAL", "PT5S");
        connectorEnv.put("GATEHOUSE_CONNECTOR_POLL_SCAN_INTERVAL", "PT1S");
        connectorEnv.put("GATEHOUSE_CONNECTOR_POLL_SETUP_INTERVAL", "PT5S");
        Map<String, String> receiverEnv = new HashMap<>(common);
        receiverEnv.put("GATEHOUSE_WEBHOOK_FIVETRAN_SECRET", "faults-webhook-secret");
        receiverEnv.put("GATEHOUSE_WEBHOOK_REGISTER_ENABLED", "true");
        receiverEnv.put("GATEHOUSE_WEBHOOK_REGISTER_GROUP_IDS", GROUP);
        receiverEnv.put("GATEHOUSE_WEBHOOK_REGISTER_PUBLIC_URL", "http://" + webhooks.address());
        receiverEnv.put("GATEHOUSE_CONNECT_CARD_OPEN_MARGIN", "PT5S");

        onboarding = service("onboarding-service", KafkaProcess.freePort(), common, "faults_onboarding");
        connector = service("connector-service", KafkaProcess.freePort(), connectorEnv, "faults_connector");
        receiver = service("webhook-receiver", receiverPort, receiverEnv, "faults_webhook");
        for (ServiceProcess process : List.of(onboarding, connector, receiver)) {
            process.awaitReady(Duration.ofSeconds(120));
        }
        Awaits.until(Duration.ofSeconds(60), () -> given().auth().preemptive().basic(FIVETRAN_KEY, FIVETRAN_SECRET)
                .get(fivetran.baseUrl() + "/v1/webhooks").asString().contains(webhooks.address()));
    }

    private ServiceProcess service(String name, int port, Map<String, String> env, String database) throws Exception {
        Map<String, String> withDb = new HashMap<>(env);
        withDb.putAll(databases.env(database));
        return ServiceProcess.start(name, port, withDb);
    }

    /** A platform team's request for {@code service} landing in {@code schema}; returns its id. */
    String request(String service, String schema) {
        return given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body(Map.of("service", service, "groupId", GROUP, "schemaName", schema,
                        "config", Map.of("host", "db.example.com", "port", 5432, "database", "src", "update_method", "TELEPORT"),
                        "owner", Map.of("name", "Owen Owner", "email", "owen@example.com"),
                        "tableGroup", schema + "_tables", "businesses", List.of("finance")))
                .post(onboarding.baseUrl() + "/onboarding-requests")
                .then().statusCode(202).extract().path("id");
    }

    JsonPath view(String id) {
        return given().auth().oauth2(TestTokens.ops()).get(onboarding.baseUrl() + "/onboarding-requests/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    Duration awaitState(String id, String state, Duration atMost) {
        return Awaits.until(atMost, () -> state.equals(view(id).getString("state")));
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess process : List.of(receiver, connector, onboarding)) {
            process.close();
        }
        webhooks.close();
        fivetran.close();
        kafka.close();
        databases.close();
    }
}
