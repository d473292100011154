package io.gatehouse.testing.process;

import io.gatehouse.testing.auth.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged service ({@code target/quarkus-app/quarkus-run.jar}) run as its own JVM, as in production: started,
 * stopped gracefully, killed with SIGKILL, and started again with the same settings, its output appended to one log.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, int port, Map<String, String> env, Path log) {
        this.name = name;
        this.port = port;
        this.env = Map.copyOf(env);
        this.log = log;
    }

    /** The repository root: the build passes it as {@code gatehouse.root}; tests run from their module. */
    public static Path root() {
        return Path.of(System.getProperty("gatehouse.root", "../..")).toAbsolutePath().normalize();
    }

    /** What every packaged service needs on this machine: the broker, and the development identity provider. */
    public static Map<String, String> baseEnv(String bootstrapServers) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("GATEHOUSE_JWT_ISSUER", TestTokens.ISSUER);
        env.put("GATEHOUSE_JWT_AUDIENCE", TestTokens.AUDIENCE);
        env.put("GATEHOUSE_JWT_PUBLIC_KEY", root().resolve("libs/testing/src/main/resources").resolve(TestTokens.PUBLIC_KEY).toString());
        return env;
    }

    /** {@link #baseEnv} plus what the services that call Fivetran need: its URL, the API key and the state key. */
    public static Map<String, String> fivetranEnv(String bootstrapServers, String fivetranUrl, String apiKey, String apiSecret,
                                                  String stateKey) {
        Map<String, String> env = baseEnv(bootstrapServers);
        env.put("GATEHOUSE_FIVETRAN_BASE_URL", fivetranUrl);
        env.put("GATEHOUSE_FIVETRAN_API_KEY", apiKey);
        env.put("GATEHOUSE_FIVETRAN_API_SECRET", apiSecret);
        env.put("GATEHOUSE_CONNECT_CARD_STATE_KEY", stateKey);
        return env;
    }

    /** Starts {@code services/<name>} on {@code port} with {@code env} added to this JVM's environment. */
    public static ServiceProcess start(String name, int port, Map<String, String> env) throws IOException {
        return start(name, name, port, env);
    }

    /**
     * Starts one of several instances of {@code services/<name>} (on the same database, as production runs two or
     * more); {@code instance} names its log, {@code target/service-logs/<instance>.log}.
     */
    public static ServiceProcess start(String name, String instance, int port, Map<String, String> env) throws IOException {
        Path log = Files.createDirectories(Path.of("target", "service-logs")).resolve(instance + ".log");
        ServiceProcess service = new ServiceProcess(name, port, env, log);
        service.launch();
        return service;
    }

    private void launch() throws IOException {
        Path jar = root().resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (the reactor does)");
        }
        List<String> command = new ArrayList<>();
        command.add("java");
        command.addAll(List.of(jvmOptions().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = new HashMap<>(env);
        environment.put("GATEHOUSE_HTTP_PORT", Integer.toString(port));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /**
     * The services' JVM options: {@code gatehouse.service.jvm-options} when set (the benchmarks run the production JIT,
     * as the container image does), else a small heap and the C1 compiler only, which start a test's services in
     * about half the time and are fast enough for a test's handful of events.
     */
    static String jvmOptions() {
        String options = System.getProperty("gatehouse.service.jvm-options", "").trim();
        return options.isEmpty() ? "-Xmx256m -XX:TieredStopAtLevel=1" : options;
    }

    /** The process id, to read its memory from {@code /proc} (benchmarks). */
    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for {@code /q/health/ready} to answer 200. */
    public ServiceProcess awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + tail());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready in " + timeout + "; log: " + tail());
    }

    /** Waits for the process to end by itself (a refused start, say); its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running after " + timeout + "; log: " + tail());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed, as when a node dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** Starts the same service again (same port, settings and log) after {@link #kill()} or {@link #close()}. */
    public ServiceProcess restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
        return this;
    }

    /** The last lines of the service's log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + " on " + baseUrl();
    }
}
