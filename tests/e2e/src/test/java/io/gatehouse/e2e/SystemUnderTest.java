package io.gatehouse.e2e;

import io.gatehouse.fivetran.sandbox.FivetranSandbox;
import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.gatehouse.testing.net.FreePorts;
import io.gatehouse.testing.process.ServiceDatabases;
import io.gatehouse.testing.process.ServiceProcess;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as it runs in production, on this machine: a real Kafka broker, the Fivetran and
 * Snowflake sandboxes, and the five packaged services, each in its own JVM, wired only by configuration.
 */
final class SystemUnderTest implements AutoCloseable {

    static final String GROUP = "e2e_group";
    static final String CREDENTIAL = "correct-horse";
    static final String ADA_PASSWORD = "ada-password";
    static final String GRACE_PASSWORD = "grace-password";
    private static final String FIVETRAN_KEY = "e2e-key";
    private static final String FIVETRAN_SECRET = "e2e-secret";
    private static final String STATE_KEY = "e2e-state-key-e2e-state-key-e2e-state-key";
    private static final String WEBHOOK_SECRET = "e2e-webhook-secret";
    private static final String SERVICE_PASSWORD = "e2e-service-password";

    final KafkaTestResource kafka = new KafkaTestResource();
    private final ServiceDatabases databases = new ServiceDatabases();
    final KafkaCompanion companion;
    final FivetranSandbox fivetran;
    final SnowflakeSandbox snowflake;
    final ServiceProcess onboarding;
    final ServiceProcess connector;
    final ServiceProcess webhook;
    final ServiceProcess grant;
    final ServiceProcess identity;
    private final List<AutoCloseable> started = new ArrayList<>();

    SystemUnderTest() throws Exception {
        String bootstrap = kafka.start().get("kafka.bootstrap.servers");
        companion = new KafkaCompanion(bootstrap);
        fivetran = FivetranSandbox.builder().apiKey(FIVETRAN_KEY).apiSecret(FIVETRAN_SECRET).group(GROUP)
                .acceptedCredential(CREDENTIAL).syncDuration(Duration.ofSeconds(1))
                .webhookRetryIncrement(Duration.ofMillis(500)).start();
        started.add(fivetran);
        snowflake = SnowflakeSandbox.builder().accountName("E2E").adminUser("ADMIN").adminPassword("admin").build().start();
        started.add(snowflake);
        landTablesAndPeople();

        int webhookPort = freePort();
        Map<String, String> common = ServiceProcess.fivetranEnv(bootstrap, fivetran.baseUrl(), FIVETRAN_KEY, FIVETRAN_SECRET, STATE_KEY);

        Map<String, String> connectorEnv = new HashMap<>(common);
        connectorEnv.put("GATEHOUSE_CONNECTOR_RETURN_URL", "http://127.0.0.1:" + webhookPort + "/connect-card/return");
        Map<String, String> webhookEnv = new HashMap<>(common);
        webhookEnv.put("GATEHOUSE_WEBHOOK_FIVETRAN_SECRET", WEBHOOK_SECRET);
        webhookEnv.put("GATEHOUSE_WEBHOOK_REGISTER_ENABLED", "true");
        webhookEnv.put("GATEHOUSE_WEBHOOK_REGISTER_GROUP_IDS", GROUP);
        webhookEnv.put("GATEHOUSE_WEBHOOK_REGISTER_PUBLIC_URL", "http://127.0.0.1:" + webhookPort);
        Map<String, String> grantEnv = new HashMap<>(common);
        grantEnv.put("GATEHOUSE_SNOWFLAKE_URL", snowflake.jdbcUrl());
        grantEnv.put("GATEHOUSE_SNOWFLAKE_USER", "GATEHOUSE_SVC");
        grantEnv.put("GATEHOUSE_SNOWFLAKE_PASSWORD", SERVICE_PASSWORD);

        onboarding = service("onboarding-service", freePort(), common);
        connector = service("connector-service", freePort(), connectorEnv);
        webhook = service("webhook-receiver", webhookPort, webhookEnv);
        grant = service("grant-service", freePort(), grantEnv);
        identity = service("identity-bridge", freePort(), ServiceProcess.baseEnv(bootstrap));
        for (ServiceProcess process : List.of(onboarding, connector, webhook, grant, identity)) {
            process.awaitReady(Duration.ofSeconds(120));
        }
        awaitWebhookRegistered();
    }

    /** The receiver registers itself as the group's webhook shortly after it starts (as in production). */
    private void awaitWebhookRegistered() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                io.restassured.RestAssured.given().auth().preemptive().basic(FIVETRAN_KEY, FIVETRAN_SECRET)
                        .get(fivetran.baseUrl() + "/v1/webhooks").then().extract().asString()
                        .contains(webhook.baseUrl() + "/webhooks/fivetran"));
    }

    /**
     * What exists in Snowflake before Gatehouse acts: its least-privilege service role (the setup in
     * services/grant-service/README.md), two people, the tables Fivetran lands for the {@code erp} source, and a
     * treasury table of another source (announced by the SCIM story itself).
     */
    private void landTablesAndPeople() {
        snowflake.provisionServiceUser("GATEHOUSE_ADMIN", "GATEHOUSE_SVC", SERVICE_PASSWORD);
        for (String sql : List.of(
                "CREATE USER ADA PASSWORD = '" + ADA_PASSWORD + "'",
                "GRANT OWNERSHIP ON USER ADA TO ROLE GATEHOUSE_ADMIN",
                "CREATE USER GRACE PASSWORD = '" + GRACE_PASSWORD + "'",
                "GRANT OWNERSHIP ON USER GRACE TO ROLE GATEHOUSE_ADMIN",
                "CREATE DATABASE RAW",
                "CREATE SCHEMA RAW.ERP_DBO",
                "CREATE SCHEMA RAW.ERP_SALES",
                "CREATE TABLE RAW.ERP_DBO.CUSTOMERS (ID NUMBER, NAME VARCHAR)",
                "CREATE TABLE RAW.ERP_DBO.ORDERS (ID NUMBER, CUSTOMER_ID NUMBER)",
                "CREATE TABLE RAW.ERP_SALES.INVOICES (ID NUMBER, AMOUNT NUMBER)",
                "INSERT INTO RAW.ERP_DBO.CUSTOMERS VALUES (1, 'Acme')",
                "CREATE SCHEMA RAW.LEDGER_TREASURY",
                "CREATE TABLE RAW.LEDGER_TREASURY.ACCOUNTS (ID NUMBER, IBAN VARCHAR)",
                "INSERT INTO RAW.LEDGER_TREASURY.ACCOUNTS VALUES (1, 'CH93'), (2, 'DE89')")) {
            snowflake.executeAsAdmin(sql);
        }
    }

    private ServiceProcess service(String name, int port, Map<String, String> env) throws IOException {
        Map<String, String> withDb = new HashMap<>(env);
        withDb.putAll(databases.env("e2e_" + name.replace('-', '_')));
        ServiceProcess process = ServiceProcess.start(name, port, withDb);
        started.add(process);
        return process;
    }

    static int freePort() throws IOException {
        return FreePorts.pick();
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("closing " + started.get(i) + ": " + e);
            }
        }
        companion.close();
        kafka.stop();
        databases.close();
    }
}
