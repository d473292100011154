package io.gatehouse.onboarding.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.testing.auth.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark, not a test: time from POST /onboarding-requests to the first GET that shows CARD_ISSUED, against a
 * running system (onboarding-service, connector-service, Kafka, Fivetran sandbox or Fivetran). Prints median and p99.
 *
 * <pre>
 *   java -cp target/test-classes:&lt;test classpath&gt; io.gatehouse.onboarding.bench.CardIssuedLatencyBench \
 *        [--url=http://127.0.0.1:8181] [--requests=200] [--concurrency=10] [--group=sandbox_group] [--warmup=10]
 * </pre>
 * The bearer token is minted with the development key (TestTokens), or taken from GATEHOUSE_TOKEN.
 */
public final class CardIssuedLatencyBench {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String group;
    private final String token;
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    private CardIssuedLatencyBench(String url, String group, String token) {
        this.url = url;
        this.group = group;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String token = System.getenv().getOrDefault("GATEHOUSE_TOKEN", TestTokens.platformAdmin());
        CardIssuedLatencyBench bench = new CardIssuedLatencyBench(options.getOrDefault("url", "http://127.0.0.1:8181"),
                options.getOrDefault("group", "sandbox_group"), token);
        int requests = Integer.parseInt(options.getOrDefault("requests", "200"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "10"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));

        bench.measure(warmup, concurrency);
        long started = System.nanoTime();
        List<Long> millis = bench.measure(requests, concurrency);
        double seconds = (System.nanoTime() - started) / 1e9;

        Collections.sort(millis);
        System.out.printf("POST -> CARD_ISSUED over %d requests (concurrency %d, after %d warm-up):%n",
                millis.size(), concurrency, warmup);
        System.out.printf("  median %d ms, p90 %d ms, p99 %d ms, min %d ms, max %d ms; %.1f requests/s%n",
                percentile(millis, 50), percentile(millis, 90), percentile(millis, 99), millis.get(0),
                millis.get(millis.size() - 1), millis.size() / seconds);
    }

    private List<Long> measure(int count, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String schema = "bench_" + run + "_" + UUID.randomUUID().toString().substring(0, 8);
                futures.add(pool.submit(() -> oneRequest(schema)));
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
    private long oneRequest(String schema) throws Exception {
        Map<String, Object> body = Map.of(
                "service", "sql_server_rds",
                "groupId", group,
                "schemaName", schema,
                "config", Map.of("host", "sql.example.com", "port", 1433, "database", "sales"),
                "owner", Map.of("name", "Bench Owner", "email", "bench@example.com"),
                "tableGroup", "bench",
                "businesses", List.of("finance"));
        long start = System.nanoTime();
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(url + "/onboarding-requests"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", schema)
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (posted.statusCode() != 202) {
            throw new IllegalStateException("POST answered " + posted.statusCode() + ": " + posted.body());
        }
        String id = MAPPER.readTree(posted.body()).path("id").asText();
        HttpRequest get = HttpRequest.newBuilder(URI.create(url + "/onboarding-requests/" + id))
                .header("Authorization", "Bearer " + token).GET().build();
        while (System.nanoTime() - start < GIVE_UP.toNanos()) {
            JsonNode state = MAPPER.readTree(http.send(get, HttpResponse.BodyHandlers.ofString()).body());
            if ("CARD_ISSUED".equals(state.path("state").asText())) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            if ("FAILED".equals(state.path("state").asText())) {
                throw new IllegalStateException("request " + id + " failed: " + state.path("failure"));
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("request " + id + " not CARD_ISSUED after " + GIVE_UP);
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
