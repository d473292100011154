package io.gatehouse.bench;

import io.gatehouse.fivetran.sandbox.FivetranSandbox;
import io.gatehouse.testing.process.KafkaProcess;
import io.gatehouse.testing.process.ServiceDatabases;
import io.gatehouse.testing.process.ServiceProcess;
import java.util.HashMap;
import java.util.Map;

/**
 * What the onboarding path runs on, as tests/e2e's SystemUnderTest sets it up: a broker process, the Fivetran sandbox
 * as Fivetran, a database per service, and the settings of the onboarding-service, the connector-service and the
 * webhook-receiver (whose port is chosen up front: the connector-service sends owners back to it).
 */
final class OnboardingSystem implements AutoCloseable {

    static final String GROUP = "bench_group";
    /** The one password the sandbox's sources accept in a Connect Card's setup test. */
    static final String CREDENTIAL = "correct-horse";
    private static final String FIVETRAN_KEY = "bench-key";
    private static final String FIVETRAN_SECRET = "bench-secret";
    private static final String STATE_KEY = "bench-state-key-bench-state-key-bench";
    private static final String WEBHOOK_SECRET = "bench-webhook-secret";

    final KafkaProcess kafka;
    final FivetranSandbox fivetran;
    final ServiceDatabases databases;
    final int webhookPort;

    private OnboardingSystem(KafkaProcess kafka, FivetranSandbox fivetran, ServiceDatabases databases) throws Exception {
        this.kafka = kafka;
        this.fivetran = fivetran;
        this.databases = databases;
        this.webhookPort = KafkaProcess.freePort();
    }

    static OnboardingSystem start() throws Exception {
        KafkaProcess kafka = KafkaProcess.start();
        FivetranSandbox fivetran = FivetranSandbox.builder().apiKey(FIVETRAN_KEY).apiSecret(FIVETRAN_SECRET).group(GROUP)
                .acceptedCredential(CREDENTIAL).start();
        return new OnboardingSystem(kafka, fivetran, new ServiceDatabases());
    }

    /** The settings of {@code service} (one of the three on the onboarding path) on its database {@code database}. */
    Map<String, String> env(String service, String database) {
        Map<String, String> env = new HashMap<>(ServiceProcess.fivetranEnv(kafka.bootstrapServers(), fivetran.baseUrl(),
                FIVETRAN_KEY, FIVETRAN_SECRET, STATE_KEY));
        env.putAll(databases.env(database));
        switch (service) {
            case "connector-service" -> env.put("GATEHOUSE_CONNECTOR_RETURN_URL", webhookUrl() + "/connect-card/return");
            case "webhook-receiver" -> {
                env.put("GATEHOUSE_WEBHOOK_FIVETRAN_SECRET", WEBHOOK_SECRET);
                // every owner of a harness comes back from 127.0.0.1: one address's limit (60 a minute) is not theirs
                env.put("GATEHOUSE_CONNECT_CARD_RETURN_PAGE_REQUESTS_PER_ADDRESS", "100000");
            }
            case "onboarding-service" -> { }
            default -> throw new IllegalArgumentException("not on the onboarding path: " + service);
        }
        return env;
    }

    String webhookUrl() {
        return "http://127.0.0.1:" + webhookPort;
    }

    @Override
    public void close() throws Exception {
        try (kafka; fivetran; databases) {
            // closed in reverse order of their declaration
        }
    }
}
