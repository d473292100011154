package io.gatehouse.bench;

import io.gatehouse.events.Topics;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.process.KafkaProcess;
import io.gatehouse.testing.process.ServiceDatabases;
import io.gatehouse.testing.process.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * How long a service's outbox stops publishing when the instance whose relay holds the lease dies (SIGKILL: the
 * lease must lapse) or stops (SIGTERM, a rolling deploy: the lease is released). Two onboarding-service instances
 * on one database; a client posts a request to the standby every 100 ms throughout; the gap is from the holder's
 * end to the first ConnectorRequested the new holder publishes (the Kafka record's timestamp), and the worst delay
 * any request saw from its 202 to its record.
 */
final class RelayFailover implements Benchmarks.Harness {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ACTIVE = Pattern.compile("(?m)^gatehouse_outbox_relay_active(\\{[^}]*})? 1\\.0$");

    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public String run() throws Exception {
        try (KafkaProcess kafka = KafkaProcess.start();
             ServiceDatabases databases = new ServiceDatabases();
             PublishedRecords published = new PublishedRecords(kafka.bootstrapServers(), Topics.ONBOARDING)) {
            Map<String, String> env = new HashMap<>(databases.env("bench_onboarding"));
            env.putAll(ServiceProcess.baseEnv(kafka.bootstrapServers()));
            List<ServiceProcess> instances = new ArrayList<>();
            instances.add(ServiceProcess.start("onboarding-service", "onboarding-service-1", KafkaProcess.freePort(), env));
            instances.get(0).awaitReady(Duration.ofSeconds(180));
            instances.add(ServiceProcess.start("onboarding-service", "onboarding-service-2", KafkaProcess.freePort(), env));
            instances.get(1).awaitReady(Duration.ofSeconds(180));
            try {
                StringBuilder table = new StringBuilder(
                        "Two onboarding-service instances, default lease (10 s, renewed every 3 s), a request every 100 ms.\n\n"
                                + "| round | holder ended by | publishing gap | worst request delay | requests in the round |\n"
                                + "|---|---|---|---|---|\n");
                int round = 0;
                for (boolean kill : List.of(true, false)) {
                    for (int i = 0; i < rounds; i++) {
                        Gap gap = failover(instances, published, kill);
                        table.append(String.format("| %d | %s | %.2f s | %.2f s | %d |%n", ++round, kill ? "SIGKILL" : "SIGTERM",
                                gap.gapMillis() / 1000.0, gap.worstMillis() / 1000.0, gap.requests()));
                    }
                }
                return table.toString();
            } finally {
                instances.forEach(ServiceProcess::close);
            }
        }
    }

    /** One publishing gap: ms from the holder's end to the first record after it; the worst POST-to-record delay. */
    record Gap(long gapMillis, long worstMillis, int requests) {
    }

    private Gap failover(List<ServiceProcess> instances, PublishedRecords published, boolean kill) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> instances.stream().filter(this::active).count() == 1);
        ServiceProcess holder = instances.stream().filter(this::active).findFirst().orElseThrow();
        ServiceProcess standby = instances.get(1 - instances.indexOf(holder));
        Map<String, Long> posted = new ConcurrentHashMap<>();
        ScheduledExecutorService client = Executors.newSingleThreadScheduledExecutor();
        client.scheduleAtFixedRate(() -> post(standby, posted), 0, 100, TimeUnit.MILLISECONDS);
        try {
            // steady state first: requests go out while the holder lives
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> posted.keySet().stream().anyMatch(published::contains));
            long ended = System.currentTimeMillis();
            if (kill) {
                holder.kill();
            } else {
                holder.close();
            }
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> posted.entrySet().stream().anyMatch(e -> e.getValue() > ended && published.contains(e.getKey())));
            long gap = posted.entrySet().stream().filter(e -> e.getValue() > ended)
                    .mapToLong(e -> published.timestamp(e.getKey()).orElse(Long.MAX_VALUE)).min().orElseThrow() - ended;
            client.shutdown();
            client.awaitTermination(10, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> posted.keySet().stream().allMatch(published::contains));
            long worst = posted.entrySet().stream()
                    .mapToLong(e -> published.timestamp(e.getKey()).orElseThrow() - e.getValue()).max().orElseThrow();
            return new Gap(gap, worst, posted.size());
        } finally {
            client.shutdownNow();
            holder.restart().awaitReady(Duration.ofSeconds(180));
        }
    }

    private boolean active(ServiceProcess instance) {
        try {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return ACTIVE.matcher(metrics.body()).find();
        } catch (Exception e) {
            return false;
        }
    }

    private void post(ServiceProcess standby, Map<String, Long> posted) {
        String body = """
                {"service":"postgres","groupId":"bench_group","schemaName":"s%d","config":{"host":"db.example.com","port":5432,
                "database":"src","update_method":"TELEPORT"},"owner":{"name":"Owen Owner","email":"owen@example.com"},
                "tableGroup":"bench_tables","businesses":["bench"]}""".formatted(System.nanoTime());
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(standby.baseUrl() + "/onboarding-requests"))
                    .header("Authorization", "Bearer " + TestTokens.platformAdmin()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher id = ID.matcher(response.body());
            if (response.statusCode() == 202 && id.find()) {
                posted.put(id.group(1), System.currentTimeMillis());
            }
        } catch (Exception e) {
            System.err.println("post failed: " + e);
        }
    }
}
