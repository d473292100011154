package io.gatehouse.bench;

import io.gatehouse.events.TableAdded;
import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.process.KafkaProcess;
import io.gatehouse.testing.process.ServiceProcess;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each service's start and memory, run as the benchmarks run them (the bench JVM options: the production JIT and a
 * 512 MB heap). Three rounds start the six services one after the other, each timed from its process's start to its
 * first {@code /q/health/ready} 200 (ServiceProcess polls every 250 ms); the first two rounds stop them all again, the
 * third keeps them. Then their resident memory (VmRSS) idle, a few seconds after the last is ready, and its highest
 * sample (every 200 ms) while a modest load runs on all of them at once: onboarding requests whose Connect Cards are
 * completed (onboarding-service, connector-service, webhook-receiver), HR batches of joins (identity-bridge) that reach
 * the grant-service through Kafka and are applied in the Snowflake sandbox, and page loads of the ops console.
 */
final class Footprint implements Benchmarks.Harness {

    private static final List<String> SERVICES = List.of("onboarding-service", "connector-service", "webhook-receiver",
            "grant-service", "identity-bridge", "ops-console");
    private static final int ROUNDS = 3;
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);
    private static final String BUSINESS = "bench";
    private static final List<String> CONSOLE_PAGES = List.of("/onboarding", "/pipeline", "/access", "/catalogue");

    private final Duration load = Duration.ofSeconds(Sizes.of("bench.footprint-load-seconds", 30, 120));
    /** HR joins per second through the identity-bridge: each new person a Snowflake user the grant-service gives a role. */
    private final int joinsPerSecond = Sizes.of("bench.footprint-joins-per-second", 10, 10);
    /** The next of the people created in Snowflake to join: each joins once, in the warm-up or under load. */
    private final AtomicLong nextPerson = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** One service's figures. */
    private record Measured(String service, List<Duration> starts, long idleKb, long loadedKb, String load) {
        Duration medianStart() {
            return starts.stream().sorted().toList().get(starts.size() / 2);
        }
    }

    @Override
    public String run() throws Exception {
        try (OnboardingSystem system = OnboardingSystem.start();
             SnowflakeSandbox snowflake = SnowflakeSandbox.builder().accountName("BENCH").adminPassword("admin").build().start();
             KafkaCompanion companion = new KafkaCompanion(system.kafka.bootstrapServers())) {
            int people = (int) (joinsPerSecond * load.toSeconds()) + joinsPerSecond;
            GrantScaleOut.provision(snowflake);
            for (int i = 0; i < people; i++) {
                snowflake.executeAsAdmin("CREATE USER BENCH_" + i + " PASSWORD = 'pw'");
                snowflake.executeAsAdmin("GRANT OWNERSHIP ON USER BENCH_" + i + " TO ROLE GATEHOUSE_ADMIN");
            }
            Map<String, Integer> ports = new LinkedHashMap<>();
            SERVICES.forEach(s -> ports.put(s, s.equals("webhook-receiver") ? system.webhookPort : freePort()));
            Map<String, Map<String, String>> envs = envs(system, snowflake, ports);

            Map<String, List<Duration>> starts = new LinkedHashMap<>();
            SERVICES.forEach(s -> starts.put(s, new ArrayList<>()));
            Map<String, ServiceProcess> running = new LinkedHashMap<>();
            try {
                for (int round = 1; round <= ROUNDS; round++) {
                    for (String service : SERVICES) {
                        Instant start = Instant.now();
                        ServiceProcess process = ServiceProcess.start(service, service + "-footprint", ports.get(service),
                                envs.get(service));
                        running.put(service, process);
                        process.awaitReady(Duration.ofSeconds(180));
                        starts.get(service).add(Duration.between(start, Instant.now()));
                    }
                    if (round < ROUNDS) {
                        running.values().forEach(ServiceProcess::close);
                        running.clear();
                    }
                }
                Thread.sleep(SETTLE.toMillis());
                Map<String, Long> idle = new LinkedHashMap<>();
                running.forEach((service, process) -> idle.put(service, rssKb(process.pid())));

                GrantScaleOut.send(companion, new TableAdded("RAW", "BENCH", "FACTS", "facts", List.of(BUSINESS), null, null));
                // one round of each load, untimed: the first requests load classes and compile, on every service at once
                underLoad(system, running, Duration.ZERO);
                Map<String, String> done = new HashMap<>();
                Map<String, Long> peak = sampling(running, () -> done.putAll(underLoad(system, running, load)));
                List<Measured> measured = new ArrayList<>();
                for (String service : SERVICES) {
                    measured.add(new Measured(service, starts.get(service), idle.get(service), peak.get(service),
                            done.getOrDefault(service, "")));
                }
                return report(measured);
            } finally {
                running.values().forEach(ServiceProcess::close);
            }
        }
    }

    /** Each service's settings: its own database, the broker, the sandboxes it talks to, the console the others' URLs. */
    private static Map<String, Map<String, String>> envs(OnboardingSystem system, SnowflakeSandbox snowflake,
                                                          Map<String, Integer> ports) {
        Map<String, Map<String, String>> envs = new HashMap<>();
        for (String service : List.of("onboarding-service", "connector-service", "webhook-receiver")) {
            envs.put(service, system.env(service, "bench_fp_" + service.substring(0, service.indexOf('-'))));
        }
        envs.put("grant-service", GrantScaleOut.env(system.databases, "bench_fp_grant", system.kafka, snowflake));
        Map<String, String> identity = new HashMap<>(ServiceProcess.baseEnv(system.kafka.bootstrapServers()));
        identity.putAll(system.databases.env("bench_fp_identity"));
        envs.put("identity-bridge", identity);
        // as tests/e2e ConsoleIT runs it: the development sign-in, no identity provider, the services' URLs
        Map<String, String> console = new HashMap<>(ServiceProcess.baseEnv(system.kafka.bootstrapServers()));
        console.put("GATEHOUSE_CONSOLE_DEV_SIGN_IN", "true");
        console.put("GATEHOUSE_OIDC_ENABLED", "false");
        console.put("GATEHOUSE_CONSOLE_DEV_PRIVATE_KEY", ServiceProcess.root()
                .resolve("libs/testing/src/main/resources/gatehouse/dev-jwt/private-key.pem").toString());
        Map<String, String> urls = Map.of("onboarding-service", "GATEHOUSE_ONBOARDING_URL", "connector-service",
                "GATEHOUSE_CONNECTOR_URL", "webhook-receiver", "GATEHOUSE_WEBHOOK_URL", "grant-service", "GATEHOUSE_GRANT_URL",
                "identity-bridge", "GATEHOUSE_IDENTITY_URL");
        urls.forEach((service, variable) -> console.put(variable, "http://127.0.0.1:" + ports.get(service)));
        envs.put("ops-console", console);
        return envs;
    }

    /** Runs {@code work} while sampling every service's VmRSS; the highest sample of each, in kB. */
    private static Map<String, Long> sampling(Map<String, ServiceProcess> running, ThrowingRunnable work) throws Exception {
        Map<String, Long> peak = new ConcurrentHashMap<>();
        ExecutorService sampler = Executors.newSingleThreadExecutor();
        AtomicBoolean stop = new AtomicBoolean();
        Future<?> samples = sampler.submit(() -> {
            while (!stop.get()) {
                running.forEach((service, process) -> peak.merge(service, rssKb(process.pid()), Math::max));
                Thread.sleep(SAMPLE_EVERY.toMillis());
            }
            return null;
        });
        try {
            work.run();
        } finally {
            stop.set(true);
            samples.get();
            sampler.shutdown();
        }
        return peak;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * The load, for {@code length} (each client goes round at least once): 4 clients onboarding sources to CARD_ISSUED
     * and completing their cards, one HR client posting a batch of {@code joinsPerSecond} joins every second, 2 clients
     * loading console pages. What each did.
     */
    private Map<String, String> underLoad(OnboardingSystem system, Map<String, ServiceProcess> running, Duration length)
            throws Exception {
        Instant end = Instant.now().plus(length);
        AtomicLong onboarded = new AtomicLong();
        AtomicLong late = new AtomicLong();
        AtomicLong joins = new AtomicLong();
        AtomicLong pages = new AtomicLong();
        OnboardingClient onboarding = new OnboardingClient(running.get("onboarding-service").baseUrl(), OnboardingSystem.GROUP,
                TestTokens.platformAdmin());
        String cookie = signIn(running.get("ops-console").baseUrl());
        ExecutorService clients = Executors.newFixedThreadPool(7);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                futures.add(clients.submit(() -> {
                    do {
                        String id = onboarding.post("bench_fp_" + UUID.randomUUID().toString().substring(0, 8));
                        try {
                            OnboardingClient.Seen issued = onboarding.await(id, "CARD_ISSUED", Duration.ofMillis(100));
                            onboarding.awaitSetupComplete(onboarding.completeCard(issued, system.fivetran, OnboardingSystem.CREDENTIAL));
                            onboarded.incrementAndGet();
                        } catch (IllegalStateException slow) {
                            // not through in a minute (a loaded machine): still load, counted apart
                            late.incrementAndGet();
                        }
                    } while (Instant.now().isBefore(end));
                    return null;
                }));
            }
            String identity = running.get("identity-bridge").baseUrl();
            futures.add(clients.submit(() -> {
                do {
                    Instant next = Instant.now().plusSeconds(1);
                    StringBuilder events = new StringBuilder();
                    for (int i = 0; i < joinsPerSecond; i++) {
                        long n = nextPerson.getAndIncrement();
                        joins.incrementAndGet();
                        events.append(i == 0 ? "" : ",").append("{\"change\":\"joined\",\"userId\":\"u-").append(n)
                                .append("\",\"login\":\"bench_").append(n).append("\",\"business\":\"" + BUSINESS + "\"}");
                    }
                    expect(202, post(identity + "/identity-events", "{\"batchId\":\"" + UUID.randomUUID() + "\",\"events\":["
                            + events + "]}"));
                    Thread.sleep(Math.max(0, Duration.between(Instant.now(), next).toMillis()));
                } while (Instant.now().isBefore(end));
                return null;
            }));
            String console = running.get("ops-console").baseUrl();
            for (int i = 0; i < 2; i++) {
                futures.add(clients.submit(() -> {
                    do {
                        for (String page : CONSOLE_PAGES) {
                            expect(200, http.send(HttpRequest.newBuilder(URI.create(console + page)).header("Cookie", cookie)
                                    .GET().build(), HttpResponse.BodyHandlers.ofString()));
                            pages.incrementAndGet();
                        }
                    } while (Instant.now().isBefore(end));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        String cards = onboarded.get() + " sources onboarded, cards completed"
                + (late.get() == 0 ? "" : " (" + late.get() + " more not through within a minute)");
        return Map.of("onboarding-service", cards, "connector-service", cards, "webhook-receiver", cards,
                "identity-bridge", joins.get() + " HR joins", "grant-service", joins.get() + " joins from Kafka",
                "ops-console", pages.get() + " page loads");
    }

    /** The console's development sign-in as platform-admin: its session cookie ({@code name=value}). */
    private String signIn(String console) throws IOException, InterruptedException {
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(console + "/sign-in/dev"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=bench&role=platform-admin&then=/onboarding")).build(),
                HttpResponse.BodyHandlers.ofString());
        return signedIn.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';')))
                .orElseThrow(() -> new IllegalStateException("no session from the console's sign-in: " + signedIn.statusCode()));
    }

    private HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TestTokens.platformAdmin())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The process's resident memory in kB ({@code VmRSS} of {@code /proc/<pid>/status}); 0 once it is gone. */
    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        } catch (IOException gone) {
            return 0;
        }
    }

    private String report(List<Measured> measured) throws IOException {
        StringBuilder out = new StringBuilder(String.format("Each service started %d times (one after the other, in the "
                + "order below; the others of its round running idle), the bench JVM options (%s); RSS idle %d s after the "
                + "last was ready, and the highest RSS sampled every %d ms during %d s of load on all of them at once.%n%n"
                + "| service | start to ready (median) | the %d starts | RSS idle | RSS under load (max) | load |%n"
                + "|---|---|---|---|---|---|%n", ROUNDS, System.getProperty("gatehouse.service.jvm-options", "default"),
                SETTLE.toSeconds(), SAMPLE_EVERY.toMillis(), load.toSeconds(), ROUNDS));
        Plot memory = Plot.of("Resident memory (VmRSS)", "service", "MiB");
        Plot startup = Plot.of("Start to ready, median of " + ROUNDS, "service", "seconds");
        for (Measured m : measured) {
            out.append(String.format("| %s | %.1f s | %s | %d MiB | %d MiB | %s |%n", m.service(), seconds(m.medianStart()),
                    String.join(", ", m.starts().stream().map(d -> String.format("%.1f", seconds(d))).toList()) + " s",
                    m.idleKb() / 1024, m.loadedKb() / 1024, m.load()));
            memory.bar("idle", m.service(), m.idleKb() / 1024.0).bar("under load (max)", m.service(), m.loadedKb() / 1024.0);
            startup.bar("start to ready", m.service(), seconds(m.medianStart()));
        }
        return out.append(System.lineSeparator())
                .append(Report.image("RSS by service", memory.writeBars("footprint-rss")))
                .append(Report.image("start to ready by service", startup.writeBars("footprint-start"))).toString();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static int freePort() {
        try {
            return KafkaProcess.freePort();
        } catch (Exception e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
