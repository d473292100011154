package io.gatehouse.testing.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker in KRaft mode inside the test JVM, from Kafka's own test kit
 * ({@code kafka-test-common-runtime}, whose version must equal the kafka-clients version Quarkus manages).
 * It binds random loopback ports, so it never collides with a local-run broker on 9092.
 */
final class InJvmKraftBroker implements KafkaBroker {

    /** Kept so the levels stick: the broker logs before Quarkus applies its own log config. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"),
            Logger.getLogger("state.change.logger"), Logger.getLogger("org.apache.zookeeper"));

    private final KafkaClusterTestKit cluster;
    private final long startMillis;

    private InJvmKraftBroker(KafkaClusterTestKit cluster, long startMillis) {
        this.cluster = cluster;
        this.startMillis = startMillis;
    }

    static InJvmKraftBroker start() {
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
        long t0 = System.nanoTime();
        KafkaClusterTestKit cluster = null;
        try {
            Path base = Files.createDirectories(Path.of("target", "kraft-testkit"));
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    // the kit defaults to the newest *testing* metadata version; production is what we run
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(Files.createTempDirectory(base, "run-"))
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "2")
                    .setDeleteOnClose(true)
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new InJvmKraftBroker(cluster, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            closeQuietly(cluster);
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            closeQuietly(cluster);
            throw new IllegalStateException("in-JVM Kafka broker did not start", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public String describe() {
        return "in-JVM Apache Kafka KRaft broker at " + bootstrapServers() + " (ready in " + startMillis + " ms)";
    }

    @Override
    public void close() {
        closeQuietly(cluster);
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                Logger.getLogger(InJvmKraftBroker.class.getName()).log(Level.WARNING, "broker close failed", e);
            }
        }
    }
}
