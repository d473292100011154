package io.gatehouse.testing.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.gatehouse.testing.net.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one) in its own JVM, from the same Maven Central jars
 * the in-JVM test broker uses, as {@code deploy/local/kafka-local.sh} runs it. Its classpath is the caller module's
 * (the build passes it as {@code gatehouse.broker.classpath}). It can be stopped (SIGTERM, a
 * controlled shutdown) and started again on the same ports and log directory, as an operator restarts a broker.
 */
public final class KafkaProcess implements AutoCloseable {

    private static final String CLUSTER_ID = "R2F0ZWhvdXNlRmF1bHRzMQ";

    private final Path dir;
    private final Path properties;
    private final int port;
    private Process process;

    private KafkaProcess(Path dir, int port) {
        this.dir = dir;
        this.properties = dir.resolve("server.properties");
        this.port = port;
    }

    public static KafkaProcess start() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "kafka")), "broker-").toAbsolutePath();
        KafkaProcess kafka = new KafkaProcess(dir, freePort());
        kafka.writeProperties(freePort());
        kafka.run("kafka.tools.StorageTool", "format", "--standalone", "-t", CLUSTER_ID, "-c", kafka.properties.toString())
                .waitFor(60, TimeUnit.SECONDS);
        kafka.startAgain();
        return kafka;
    }

    /** The broker's process id, to read its CPU time from {@code /proc} (benchmarks). */
    public long pid() {
        return process.pid();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker on its ports and data, and waits until it answers a metadata request. */
    public void startAgain() throws Exception {
        process = run("kafka.Kafka", properties.toString());
        Instant deadline = Instant.now().plusSeconds(60);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000"))) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("the broker did not come up; see " + dir.resolve("kafka.log"), notYet);
                    }
                }
            }
        }
    }

    /** Controlled shutdown (SIGTERM), as a rolling restart does; the data stays for {@link #startAgain()}. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // the listener is gone once the process is: nothing answers on the port until the restart
        awaitPortClosed(Duration.ofSeconds(10));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private void writeProperties(int controllerPort) throws IOException {
        Files.writeString(properties, String.join("\n", List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("logs"),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "num.partitions=3")) + "\n");
    }

    private Process run(String mainClass, String... args) throws IOException {
        String classpath = System.getProperty("gatehouse.broker.classpath");
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalStateException("gatehouse.broker.classpath is not set (the build passes it)");
        }
        List<String> command = new java.util.ArrayList<>(List.of("java", "-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka.log").toFile())).start();
    }

    private void awaitPortClosed(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException refused) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** A port free now; see {@link FreePorts#pick()}. */
    public static int freePort() throws IOException {
        return FreePorts.pick();
    }
}
