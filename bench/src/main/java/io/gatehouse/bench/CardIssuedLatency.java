package io.gatehouse.bench;

import io.gatehouse.fivetran.sandbox.FivetranSandbox;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time from {@code POST /onboarding-requests} to the first GET that shows {@code CARD_ISSUED}: the onboarding-service,
 * Kafka, the connector-service creating the connector and its Connect Card at Fivetran, and back. By default on a
 * system the harness starts (the Fivetran sandbox as Fivetran, both services packaged, a broker process); with
 * {@code bench.card-url} on a running system instead (its Fivetran group {@code bench.card-group}, the bearer token
 * from {@code GATEHOUSE_TOKEN} or minted with the development key). {@code bench.card-requests} timed after
 * {@code bench.card-warmup}, {@code bench.card-concurrency} at a time.
 */
final class CardIssuedLatency implements Benchmarks.Harness {

    private static final Duration GIVE_UP = Duration.ofSeconds(60);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final String GROUP = "bench_group";
    private static final String FIVETRAN_KEY = "bench-key";
    private static final String FIVETRAN_SECRET = "bench-secret";

    private final int requests = Integer.getInteger("bench.card-requests", 200);
    private final int concurrency = Integer.getInteger("bench.card-concurrency", 10);
    private final int warmup = Integer.getInteger("bench.card-warmup", 10);
    private final String url = System.getProperty("bench.card-url", "");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    /** Where the requests go: the onboarding-service's URL, the Fivetran group they name, the bearer token. */
    private record Target(String url, String group, String token) {
    }

    @Override
    public String run() throws Exception {
        if (!url.isBlank()) {
            return measure(new Target(url, System.getProperty("bench.card-group", "sandbox_group"),
                    System.getenv().getOrDefault("GATEHOUSE_TOKEN", TestTokens.platformAdmin())), "the running system at " + url);
        }
        try (KafkaProcess kafka = KafkaProcess.start();
             FivetranSandbox fivetran = FivetranSandbox.builder().apiKey(FIVETRAN_KEY).apiSecret(FIVETRAN_SECRET)
                     .group(GROUP).start();
             ServiceDatabases databases = new ServiceDatabases()) {
            Map<String, String> common = ServiceProcess.fivetranEnv(kafka.bootstrapServers(), fivetran.baseUrl(),
                    FIVETRAN_KEY, FIVETRAN_SECRET, "bench-state-key-bench-state-key-bench");
            Map<String, String> onboardingEnv = new HashMap<>(common);
            onboardingEnv.putAll(databases.env("bench_card_onboarding"));
            Map<String, String> connectorEnv = new HashMap<>(common);
            connectorEnv.putAll(databases.env("bench_card_connector"));
            // the owner never follows the card here: no webhook-receiver behind the return URL
            connectorEnv.put("GATEHOUSE_CONNECTOR_RETURN_URL", "http://127.0.0.1:" + KafkaProcess.freePort() + "/connect-card/return");
            try (ServiceProcess onboarding = ServiceProcess.start("onboarding-service", "onboarding-service-card",
                    KafkaProcess.freePort(), onboardingEnv);
                 ServiceProcess connector = ServiceProcess.start("connector-service", "connector-service-card",
                         KafkaProcess.freePort(), connectorEnv)) {
                onboarding.awaitReady(Duration.ofSeconds(180));
                connector.awaitReady(Duration.ofSeconds(180));
                return measure(new Target(onboarding.baseUrl(), GROUP, TestTokens.platformAdmin()),
                        "one onboarding-service and one connector-service, packaged, on a broker process, the Fivetran sandbox as Fivetran");
            }
        }
    }

    private String measure(Target target, String system) throws Exception {
        times(target, warmup);
        long started = System.nanoTime();
        List<Long> millis = times(target, requests);
        double seconds = (System.nanoTime() - started) / 1e9;
        Collections.sort(millis);
        return String.format("POST /onboarding-requests to CARD_ISSUED on %s: %d requests, %d at a time, after %d "
                        + "warm-up requests. The GET is repeated every 10 ms.%n%n"
                        + "| requests | concurrency | median | p90 | p99 | min | max | requests/s |%n"
                        + "|---|---|---|---|---|---|---|---|%n"
                        + "| %d | %d | %d ms | %d ms | %d ms | %d ms | %d ms | %.1f |%n",
                system, millis.size(), concurrency, warmup, millis.size(), concurrency, percentile(millis, 50),
                percentile(millis, 90), percentile(millis, 99), millis.get(0), millis.get(millis.size() - 1),
                millis.size() / seconds);
    }

    /** The latency of {@code count} requests, {@code concurrency} at a time, in milliseconds. */
    private List<Long> times(Target target, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String schema = "bench_" + run + "_" + UUID.randomUUID().toString().substring(0, 8);
                futures.add(pool.submit(() -> oneRequest(target, schema)));
            }
            List<Long> millis = new ArrayList<>();
            for (Future<Long> f : futures) {
                millis.add(f.get());
            }
            return millis;
        } finally {
            pool.shutdown();
        }
    }

    /** Milliseconds from sending the POST to the first GET that answers CARD_ISSUED. */
    private long oneRequest(Target target, String schema) throws Exception {
        // every value is fixed here or [a-z0-9_]: nothing to escape
        String body = "{\"service\":\"sql_server_rds\",\"groupId\":\"" + target.group() + "\",\"schemaName\":\"" + schema
                + "\",\"config\":{\"host\":\"sql.example.com\",\"port\":1433,\"database\":\"sales\"},"
                + "\"owner\":{\"name\":\"Bench Owner\",\"email\":\"bench@example.com\"},"
                + "\"tableGroup\":\"bench\",\"businesses\":[\"finance\"]}";
        long start = System.nanoTime();
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(target.url() + "/onboarding-requests"))
                        .header("Authorization", "Bearer " + target.token())
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", schema)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (posted.statusCode() != 202) {
            throw new IllegalStateException("POST answered " + posted.statusCode() + ": " + posted.body());
        }
        String id = first(ID, posted.body());
        HttpRequest get = HttpRequest.newBuilder(URI.create(target.url() + "/onboarding-requests/" + id))
                .header("Authorization", "Bearer " + target.token()).GET().build();
        while (System.nanoTime() - start < GIVE_UP.toNanos()) {
            String view = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
            String state = first(STATE, view);
            if ("CARD_ISSUED".equals(state)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            if ("FAILED".equals(state)) {
                throw new IllegalStateException("request " + id + " failed: " + view);
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("request " + id + " not CARD_ISSUED after " + GIVE_UP);
    }

    private static String first(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        return m.find() ? m.group(1) : "";
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
