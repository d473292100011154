package io.gatehouse.bench;

import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.TableAdded;
import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.process.KafkaProcess;
import io.gatehouse.testing.process.ServiceDatabases;
import io.gatehouse.testing.process.ServiceProcess;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;

/**
 * Does {@code POST /plan} slow the consumers? A stream of UserJoinedBusiness events is applied by one grant-service,
 * alone and while {@code bench.plan-clients} clients (0,1,4: one run each) keep asking for previews of joins and leaves
 * of the very people the stream is about (the worst case for a preview that locks what the consumer writes). The clock runs from
 * the first event sent to the last member seen in Snowflake; the preview's own latency is reported beside it.
 */
final class PlanDuringStream implements Benchmarks.Harness {

    private static final String BUSINESS = "bench";

    private final int joins = Integer.getInteger("bench.joins", 600);
    private final Duration latency = Duration.ofMillis(Long.getLong("bench.latency-ms", 100));
    /** Runs with this many preview clients each; the first (0) is the stream alone, the others compare to it. */
    private final List<Integer> clientCounts = Arrays.stream(System.getProperty("bench.plan-clients", "0,1,4").split(","))
            .map(String::trim).map(Integer::valueOf).toList();
    private final int batch = Integer.getInteger("bench.plan-batch", 50);
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public String run() throws Exception {
        StringBuilder table = new StringBuilder(String.format(
                "%d UserJoinedBusiness events (new users, one business) at %d ms per statement, one grant-service; "
                        + "preview clients each asking in a loop, %d events a preview (joins and leaves of the stream's "
                        + "people).%n%n"
                        + "| preview clients | stream applied in | events/s | slow-down | previews answered | preview p50 | preview p99 |%n"
                        + "|---|---|---|---|---|---|---|%n", joins, latency.toMillis(), batch));
        double alone = 0;
        for (int clients : clientCounts) {
            Measured run = measure(clients);
            alone = alone == 0 ? run.seconds() : alone;
            boolean previews = clients > 0;
            table.append(String.format("| %d | %.1f s | %.1f | %.2fx | %s | %s | %s |%n", clients,
                    run.seconds(), joins / run.seconds(), run.seconds() / alone,
                    previews ? run.latencies().size() : "-", previews ? ms(run.percentile(50)) : "-",
                    previews ? ms(run.percentile(99)) : "-"));
        }
        return table.toString();
    }

    private static String ms(long millis) {
        return millis + " ms";
    }

    record Measured(Duration took, List<Long> latencies) {
        double seconds() {
            return took.toMillis() / 1000.0;
        }

        long percentile(int p) {
            if (latencies.isEmpty()) {
                return 0;
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }

    private Measured measure(int clients) throws Exception {
        try (KafkaProcess kafka = KafkaProcess.start();
             KafkaCompanion companion = new KafkaCompanion(kafka.bootstrapServers());
             SnowflakeSandbox snowflake = SnowflakeSandbox.builder().accountName("BENCH").adminPassword("admin").build().start();
             ServiceDatabases databases = new ServiceDatabases()) {
            GrantScaleOut.provision(snowflake);
            List<String> logins = new ArrayList<>();
            for (int i = 0; i < joins; i++) {
                logins.add("BENCH_" + i);
                snowflake.executeAsAdmin("CREATE USER BENCH_" + i + " PASSWORD = 'pw'");
                snowflake.executeAsAdmin("GRANT OWNERSHIP ON USER BENCH_" + i + " TO ROLE GATEHOUSE_ADMIN");
            }
            Map<String, String> env = GrantScaleOut.env(databases, "bench_plan", kafka, snowflake);
            try (ServiceProcess service = ServiceProcess.start("grant-service", "grant-service-plan", KafkaProcess.freePort(), env)) {
                service.awaitReady(Duration.ofSeconds(180));
                GrantScaleOut.send(companion, new TableAdded("RAW", "BENCH", "FACTS", "facts", List.of(BUSINESS), null, null));
                Awaitility.await().atMost(Duration.ofSeconds(120))
                        .until(() -> !snowflake.executeAsAdmin("SHOW ROLES LIKE 'GH_BIZ_BENCH_PUBLIC'").isEmpty());
                snowflake.setStatementLatency(latency);

                AtomicBoolean streaming = new AtomicBoolean(true);
                List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
                ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, clients));
                List<Future<?>> loops = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int client = c;
                    loops.add(pool.submit(() -> previewLoop(service, logins, client, streaming, latencies)));
                }
                Instant start = Instant.now();
                GrantScaleOut.sendAll(companion, GrantScaleOut.joins(logins, BUSINESS));
                Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> GrantScaleOut.members(snowflake) >= joins);
                Duration took = Duration.between(start, Instant.now());
                streaming.set(false);
                for (Future<?> loop : loops) {
                    loop.get(2, TimeUnit.MINUTES);
                }
                pool.shutdown();
                return new Measured(took, List.copyOf(latencies));
            }
        }
    }

    /** Previews, one after another, of joins and leaves of a sliding window of the stream's people, until it ends. */
    private Void previewLoop(ServiceProcess service, List<String> logins, int client, AtomicBoolean streaming,
                             List<Long> latencies) throws Exception {
        int from = client * batch;
        while (streaming.get()) {
            StringBuilder events = new StringBuilder();
            for (int i = 0; i < batch; i++) {
                String login = logins.get((from + i) % logins.size());
                String type = i % 2 == 0 ? "UserJoinedBusiness" : "UserLeftBusiness";
                events.append(i == 0 ? "" : ",").append(String.format(
                        "{\"type\":\"%s\",\"data\":{\"userId\":\"u-%s\",\"login\":\"%s\",\"business\":\"%s\"}}",
                        type, login, login, BUSINESS));
            }
            long began = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/plan"))
                    .header("Authorization", "Bearer " + TestTokens.ops()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + events + "]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("POST /plan answered " + response.statusCode() + ": " + response.body());
            }
            latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            from = (from + batch) % logins.size();
        }
        return null;
    }
}
