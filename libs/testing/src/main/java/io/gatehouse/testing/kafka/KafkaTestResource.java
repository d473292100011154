package io.gatehouse.testing.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Gives a Quarkus test a real Kafka broker, chosen in this order: {@code KAFKA_BOOTSTRAP_SERVERS} set
 * -> that broker; a Docker engine answers -> Testcontainers Kafka; otherwise a KRaft broker inside the
 * test JVM. Use with {@code @WithTestResource(value = KafkaTestResource.class, scope = GLOBAL)} so
 * one broker serves a module's whole test run. {@code @InjectKafkaCompanion} fields get a companion.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(KafkaTestResource.class.getName());

    private KafkaBroker broker;
    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        broker = choose();
        LOG.info("Kafka for tests: " + broker.describe());
        companion = new KafkaCompanion(broker.bootstrapServers());
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    static KafkaBroker choose() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return new ExternalBroker(external);
        }
        if (ContainerBroker.dockerAvailable()) {
            return ContainerBroker.start();
        }
        return InJvmKraftBroker.start();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(companion,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
