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
    /** The schemas' prefix of the stand-alone stack ({@code faults_onboarding}...), also the stories' resource lock. */
    static final String PREFIX = "faults";
    private static final String FIVETRAN_KEY = "faults-key";
    private static final String FIVETRAN_SECRET = "faults-secret";

    final KafkaProcess kafka;
    final FivetranSandbox fivetran;
    final FaultProxy webhooks;
    final ServiceDatabases databases;
    /** Every instance of each service; {@link #onboarding}, {@link #connector} and {@link #receiver} are the first. */
    final List<ServiceProcess> onboardings;
    final List<ServiceProcess> connectors;
    final List<ServiceProcess> receivers;
    final ServiceProcess onboarding;
    final ServiceProcess connector;
    final ServiceProcess receiver;
    private final boolean ownsBrokerAndDatabases;

    /** One instance of each service on a broker and databases of its own, ready. */
    OnboardingStack() throws Exception {
        this(KafkaProcess.start(), new ServiceDatabases(), true, PREFIX, 1);
        awaitReady();
    }

    /**
     * {@code instances} instances of each service, each service's instances sharing the database
     * {@code <prefix>_<service>}, on a broker and databases the caller owns (and closes). Started, not waited for:
     * call {@link #awaitReady()} once everything else is started too.
     *
     * <p>With two or more receivers, Fivetran's webhooks (through {@link #webhooks}) reach the first and the Connect
     * Card sends the owner back to the last: the card's state is then checked by an instance that may never have
     * seen its ConnectCardIssued itself (the consumer group gave it to the other), so the edge works only if the
     * instances share their state through the database, as behind a load balancer. Every receiver registers the
     * one public webhook URL, as replicas behind one address do.
     */
    OnboardingStack(KafkaProcess kafka, ServiceDatabases databases, String prefix, int instances) throws Exception {
        this(kafka, databases, false, prefix, instances);
    }

    private OnboardingStack(KafkaProcess kafka, ServiceDatabases databases, boolean owns, String prefix, int instances)
            throws Exception {
        this.kafka = kafka;
        this.databases = databases;
        this.ownsBrokerAndDatabases = owns;
        fivetran = FivetranSandbox.builder().apiKey(FIVETRAN_KEY).apiSecret(FIVETRAN_SECRET).group(GROUP)
                .acceptedCredential(CREDENTIAL).syncDuration(Duration.ofSeconds(1))
                .webhookRetryIncrement(Duration.ofMillis(300)).webhookMaxAttempts(3).start();
        List<Integer> receiverPorts = ServiceInstances.freePorts(instances);
        webhooks = FaultProxy.to("127.0.0.1", receiverPorts.get(0));

        Map<String, String> common = ServiceProcess.fivetranEnv(kafka.bootstrapServers(), fivetran.baseUrl(), FIVETRAN_KEY,
                FIVETRAN_SECRET, "faults-state-key-faults-state-key-faults");

        Map<String, String> connectorEnv = new HashMap<>(common);
        connectorEnv.put("GATEHOUSE_CONNECTOR_RETURN_URL",
                "http://127.0.0.1:" + receiverPorts.get(instances - 1) + "/connect-card/return");
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

        onboardings = service("onboarding-service", ServiceInstances.freePorts(instances), common, prefix + "_onboarding");
        connectors = service("connector-service", ServiceInstances.freePorts(instances), connectorEnv, prefix + "_connector");
        receivers = service("webhook-receiver", receiverPorts, receiverEnv, prefix + "_webhook");
        onboarding = onboardings.get(0);
        connector = connectors.get(0);
        receiver = receivers.get(0);
    }

    /** Every instance ready, and the receivers' webhook registered at Fivetran. */
    void awaitReady() throws InterruptedException {
        for (List<ServiceProcess> instances : List.of(onboardings, connectors, receivers)) {
            ServiceInstances.awaitReady(instances);
        }
        Awaits.until(Duration.ofSeconds(60), () -> registeredWebhooks().contains(webhooks.address()));
    }

    /** Fivetran's answer to {@code GET /v1/webhooks}. */
    String registeredWebhooks() {
        return given().auth().preemptive().basic(FIVETRAN_KEY, FIVETRAN_SECRET).get(fivetran.baseUrl() + "/v1/webhooks").asString();
    }

    private List<ServiceProcess> service(String name, List<Integer> ports, Map<String, String> env, String database)
            throws Exception {
        Map<String, String> withDb = new HashMap<>(env);
        withDb.putAll(databases.env(database));
        return ServiceInstances.start(name, ports, withDb);
    }

    /** A platform team's request for {@code service} landing in {@code schema}; returns its id. */
    String request(String service, String schema) {
        return request(onboarding, service, schema, "finance");
    }

    /** The same, sent to one instance of the onboarding-service, publishing the tables in {@code business}. */
    String request(ServiceProcess instance, String service, String schema, String business) {
        return given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body(Map.of("service", service, "groupId", GROUP, "schemaName", schema,
                        "config", Map.of("host", "db.example.com", "port", 5432, "database", "src", "update_method", "TELEPORT"),
                        "owner", Map.of("name", "Owen Owner", "email", "owen@example.com"),
                        "tableGroup", schema + "_tables", "businesses", List.of(business)))
                .post(instance.baseUrl() + "/onboarding-requests")
                .then().statusCode(202).extract().path("id");
    }

    JsonPath view(String id) {
        return given().auth().oauth2(TestTokens.ops()).get(ServiceInstances.live(onboardings).baseUrl() + "/onboarding-requests/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    Duration awaitState(String id, String state, Duration atMost) {
        return Awaits.until(atMost, () -> state.equals(view(id).getString("state")));
    }

    @Override
    public void close() throws Exception {
        ServiceInstances.close(java.util.stream.Stream.of(receivers, connectors, onboardings).flatMap(List::stream).toList());
        webhooks.close();
        fivetran.close();
        if (ownsBrokerAndDatabases) {
            kafka.close();
            databases.close();
        }
    }
}
