package io.gatehouse.bench;

import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.process.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Onboarding latency, end to end. First the time from {@code POST /onboarding-requests} to the first GET that shows
 * {@code CARD_ISSUED} (the onboarding-service's outbox, Kafka, the connector-service creating the connection and its
 * Connect Card at Fivetran, and back), at each count of clients in {@code bench.card-clients} and each Fivetran API
 * latency in {@code bench.card-fivetran-latency-ms}. Then, per Fivetran latency, the owner's part: a sample of the issued
 * requests has its Connect Card completed as a browser would (owner link, Fivetran's form, the redirect back to the
 * webhook-receiver, which confirms {@code connected} with Fivetran and publishes SetupCompleted), one after the other,
 * timed from the return page's request to the first GET that shows {@code ACTIVE} (the connector-service unpaused the
 * connection). One system serves every configuration (the latency is set on the running sandbox). Both are timed to the
 * onboarding-service's own record of the state (AppliedAt), not to the poll that learns it.
 *
 * <p>With {@code bench.card-url} the first part runs against a running system instead (its Fivetran group
 * {@code bench.card-group}, the bearer token from {@code GATEHOUSE_TOKEN} or minted with the development key), at its
 * own Fivetran's latency, without the owner's part.
 */
final class CardIssuedLatency implements Benchmarks.Harness {

    /**
     * How often a client GETs its request to learn it is CARD_ISSUED. The time is taken from the onboarding-service's own
     * record (AppliedAt), so this only delays a client's next POST; polling faster would load the CPUs the path runs on
     * (at 100 ms, 50 clients sent 500 GETs a second to the onboarding-service whose consumer makes them CARD_ISSUED).
     */
    private static final Duration POLL = Duration.ofMillis(200);
    /** The owner's part runs one request at a time: its GET can be quicker. */
    private static final Duration SETUP_POLL = Duration.ofMillis(20);
    /** The goal of issue 17 this harness reports on. */
    private static final int GOAL_CLIENTS = 10;
    private static final long GOAL_MILLIS = 1000;

    private final List<Integer> clientCounts = Sizes.list("bench.card-clients", "1,10,50");
    private final List<Integer> fivetranLatencies = Sizes.list("bench.card-fivetran-latency-ms", "0,200");
    private final int requests = Sizes.of("bench.card-requests", 30, 200);
    private final int perClient = Sizes.of("bench.card-requests-per-client", 3, 10);
    private final int warmup = Sizes.of("bench.card-warmup", 40, 100);
    private final int setupSample = Sizes.of("bench.card-setup-sample", 20, 100);
    private final String url = System.getProperty("bench.card-url", "");
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    /**
     * One request's CARD_ISSUED: when its POST was sent, what the GET that showed it said, and when the onboarding-service
     * made it CARD_ISSUED (applied ConnectCardIssued).
     */
    private record Issued(String id, Instant posted, OnboardingClient.Seen seen, Instant done) {
        long millis() {
            return Duration.between(posted, done).toMillis();
        }

        /** Milliseconds from {@code from} (the POST when absent) to the event {@code to} (CARD_ISSUED when absent). */
        Optional<Long> leg(String from, String to) {
            Optional<Instant> start = from == null ? Optional.of(posted) : seen.eventTime(from);
            Optional<Instant> end = to == null ? Optional.of(done) : seen.eventTime(to);
            return start.flatMap(s -> end.map(e -> Duration.between(s, e).toMillis()));
        }
    }

    /** One configuration's requests, how long they took together, and the Fivetran calls made meanwhile. */
    private record Configuration(int fivetranMillis, int clients, List<Issued> issued, Duration wall, long fivetranCalls) {
        Latencies latencies() {
            return new Latencies(issued.stream().map(Issued::millis).toList());
        }

        Latencies leg(String from, String to) {
            return new Latencies(issued.stream().map(i -> i.leg(from, to)).flatMap(Optional::stream).toList());
        }

        double perSecond() {
            return issued.size() / (wall.toMillis() / 1000.0);
        }
    }

    /** The owner's part of one Fivetran latency: return page to ACTIVE, and the return page's own answer. */
    private record Setup(int fivetranMillis, Latencies toActive, Latencies returnPage) {
    }

    @Override
    public String run() throws Exception {
        if (!url.isBlank()) {
            OnboardingClient client = new OnboardingClient(url, System.getProperty("bench.card-group", "sandbox_group"),
                    System.getenv().getOrDefault("GATEHOUSE_TOKEN", TestTokens.platformAdmin()));
            List<Configuration> measured = new ArrayList<>();
            issue(client, null, GOAL_CLIENTS, warmup);
            for (int clients : clientCounts) {
                Instant start = Instant.now();
                List<Issued> issued = issue(client, null, clients, count(clients));
                measured.add(new Configuration(-1, clients, issued, Duration.between(start, Instant.now()), 0));
            }
            return report("the running system at " + url + " (its own Fivetran)", measured, List.of());
        }
        try (OnboardingSystem system = OnboardingSystem.start()) {
            Map<String, String> onboardingEnv = system.env("onboarding-service", "bench_card_onboarding");
            return measure(system, onboardingEnv);
        }
    }

    private String measure(OnboardingSystem system, Map<String, String> onboardingEnv) throws Exception {
        try (ServiceProcess onboarding = ServiceProcess.start("onboarding-service", "onboarding-service-card", freePort(),
                onboardingEnv);
             ServiceProcess connector = ServiceProcess.start("connector-service", "connector-service-card",
                     freePort(), system.env("connector-service", "bench_card_connector"));
             ServiceProcess webhook = ServiceProcess.start("webhook-receiver", "webhook-receiver-card",
                     system.webhookPort, system.env("webhook-receiver", "bench_card_webhook"));
             AppliedAt applied = new AppliedAt(onboardingEnv)) {
            for (ServiceProcess service : List.of(onboarding, connector, webhook)) {
                service.awaitReady(Duration.ofSeconds(180));
            }
            OnboardingClient client = new OnboardingClient(onboarding.baseUrl(), OnboardingSystem.GROUP, TestTokens.platformAdmin());
            // warm-up: the path's code compiled by the JIT, its connections opened, the owner's part included
            List<Issued> warm = issue(client, applied, GOAL_CLIENTS, warmup);
            completeCards(client, system, applied, 0, warm.subList(0, Math.min(5, warm.size())));

            List<Configuration> measured = new ArrayList<>();
            List<Setup> setups = new ArrayList<>();
            for (int latency : fivetranLatencies) {
                system.fivetran.setApiLatency(Duration.ofMillis(latency));
                List<Issued> waiting = new ArrayList<>();
                for (int clients : clientCounts) {
                    long callsBefore = system.fivetran.requestCount("/v1/.*");
                    Instant start = Instant.now();
                    List<Issued> issued = issue(client, applied, clients, count(clients));
                    Duration wall = Duration.between(start, Instant.now());
                    measured.add(new Configuration(latency, clients, issued, wall,
                            system.fivetran.requestCount("/v1/.*") - callsBefore));
                    waiting.addAll(issued);
                }
                setups.add(completeCards(client, system, applied, latency, waiting.subList(0, Math.min(setupSample, waiting.size()))));
            }
            return report("one onboarding-service, connector-service and webhook-receiver, packaged, on a broker process, "
                    + "the Fivetran sandbox as Fivetran", measured, setups);
        }
    }

    /** Requests timed at {@code clients}: {@code bench.card-requests}, or more so that each client sends several. */
    private int count(int clients) {
        return Math.max(requests, perClient * clients);
    }

    /**
     * {@code count} requests to CARD_ISSUED, {@code clients} at a time; each timed to the onboarding-service's record of
     * it when {@code applied} reads it, else to the GET that showed it (a running system's database is not ours).
     */
    private List<Issued> issue(OnboardingClient client, AppliedAt applied, int clients, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Issued>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String schema = "bench_" + run + "_" + UUID.randomUUID().toString().substring(0, 8);
                futures.add(pool.submit(() -> {
                    Instant posted = Instant.now();
                    String id = client.post(schema);
                    OnboardingClient.Seen seen = client.await(id, "CARD_ISSUED", POLL);
                    return new Issued(id, posted, seen, done(seen, "ConnectCardIssued", applied));
                }));
            }
            List<Issued> issued = new ArrayList<>();
            for (Future<Issued> f : futures) {
                issued.add(f.get());
            }
            return issued;
        } finally {
            pool.shutdown();
        }
    }

    /** The owner's part on each request, one after the other; timed from the return page's request to ACTIVE. */
    private Setup completeCards(OnboardingClient client, OnboardingSystem system, AppliedAt applied, int latency,
                                List<Issued> sample) throws Exception {
        List<Long> toActive = new ArrayList<>();
        List<Long> returnPage = new ArrayList<>();
        for (Issued issued : sample) {
            String returnUrl = client.completeCard(issued.seen(), system.fivetran, OnboardingSystem.CREDENTIAL);
            Instant back = Instant.now();
            client.awaitSetupComplete(returnUrl);
            returnPage.add(Duration.between(back, Instant.now()).toMillis());
            OnboardingClient.Seen active = client.await(issued.id(), "ACTIVE", SETUP_POLL);
            toActive.add(Duration.between(back, done(active, "ConnectorActivated", applied)).toMillis());
        }
        return new Setup(latency, new Latencies(toActive), new Latencies(returnPage));
    }

    /** When the onboarding-service applied the event of type {@code type} that {@code seen} shows (or when it was seen). */
    private static Instant done(OnboardingClient.Seen seen, String type, AppliedAt applied) throws Exception {
        if (applied == null) {
            return seen.at();
        }
        String eventId = seen.eventId(type).orElseThrow(() -> new IllegalStateException("no " + type + " in " + seen.view()));
        return applied.of(eventId);
    }

    private String report(String system, List<Configuration> measured, List<Setup> setups) throws Exception {
        StringBuilder out = new StringBuilder(String.format("POST /onboarding-requests to CARD_ISSUED on %s, after %d "
                + "warm-up requests; each configuration posts %d requests, or %d per client if more. A client GETs its "
                + "request every %d ms until it shows CARD_ISSUED, then posts its next; %s.%n%n"
                + "| Fivetran latency | clients | requests | p50 | p90 | p99 | max | requests/s |%n"
                + "|---|---|---|---|---|---|---|---|%n", system, warmup, requests, perClient, POLL.toMillis(),
                setups.isEmpty() ? "the time runs to that GET"
                        : "the time runs to the onboarding-service's own record of CARD_ISSUED (its inbox row of "
                        + "ConnectCardIssued), so it does not depend on the polling"));
        Plot plot = Plot.of("POST to CARD_ISSUED, p99", "clients", "p99 (ms)");
        for (Configuration c : measured) {
            Latencies l = c.latencies();
            out.append(String.format("| %s | %d | %d | %d ms | %d ms | %d ms | %d ms | %.1f |%n", latency(c.fivetranMillis()),
                    c.clients(), l.count(), l.percentile(50), l.percentile(90), l.percentile(99), l.max(), c.perSecond()));
            plot.point("Fivetran " + latency(c.fivetranMillis()), c.clients(), l.percentile(99));
        }
        out.append(System.lineSeparator()).append(goal(measured)).append(System.lineSeparator());

        out.append(String.format("%nWhere the time goes (p50 / p99 of each leg; the legs' ends are the events' times in the "
                + "request's timeline, written by their producers on this machine's clock):%n%n"
                + "| Fivetran latency | clients | POST to ConnectorRequested written | to ConnectCardIssued written "
                + "(outbox, Kafka, connector-service, Fivetran) | to CARD_ISSUED (outbox, Kafka, onboarding-service) "
                + "| Fivetran calls per request |%n|---|---|---|---|---|---|%n"));
        for (Configuration c : measured) {
            out.append(String.format("| %s | %d | %s | %s | %s | %s |%n", latency(c.fivetranMillis()), c.clients(),
                    leg(c, null, "ConnectorRequested"), leg(c, "ConnectorRequested", "ConnectCardIssued"),
                    leg(c, "ConnectCardIssued", null),
                    c.fivetranMillis() < 0 ? "-" : String.format("%.1f", (double) c.fivetranCalls() / c.issued().size())));
        }
        if (!setups.isEmpty()) {
            out.append(String.format("%nThe owner's part: Connect Cards completed one after the other (owner link, "
                    + "Fivetran's form, the redirect back), timed from the return page's request to the onboarding-service's "
                    + "record of ACTIVE (its inbox row of ConnectorActivated; a GET every %d ms learns it). The return page answers \"Setup complete\" once Fivetran confirmed the "
                    + "setup and SetupCompleted is written; the connector-service then unpauses the connection "
                    + "(ConnectorActivated).%n%n"
                    + "| Fivetran latency | cards | return page answered (p50) | redirect-return to ACTIVE p50 | p90 | p99 "
                    + "| max |%n|---|---|---|---|---|---|---|%n", SETUP_POLL.toMillis()));
            for (Setup s : setups) {
                out.append(String.format("| %s | %d | %d ms | %d ms | %d ms | %d ms | %d ms |%n", latency(s.fivetranMillis()),
                        s.toActive().count(), s.returnPage().percentile(50), s.toActive().percentile(50),
                        s.toActive().percentile(90), s.toActive().percentile(99), s.toActive().max()));
            }
        }
        out.append(System.lineSeparator()).append(Report.image("p99 to CARD_ISSUED by clients", plot.writeLine("card-issued-latency")));
        return out.toString();
    }

    /** Issue 17's goal: p99 under 1 s at 10 clients with Fivetran answering at once. */
    private static String goal(List<Configuration> measured) {
        String goal = "Goal: onboarding (POST to CARD_ISSUED) p99 under 1 s at " + GOAL_CLIENTS
                + " clients with a 0-latency Fivetran: ";
        return measured.stream().filter(c -> c.fivetranMillis() == 0 && c.clients() == GOAL_CLIENTS).findFirst()
                .map(c -> c.latencies().percentile(99))
                .map(p99 -> goal + (p99 < GOAL_MILLIS ? "**met**" : "**not met**") + " (p99 " + p99 + " ms).")
                .orElse(goal + "not measured (no configuration of " + GOAL_CLIENTS + " clients at 0 ms).");
    }

    private static String leg(Configuration c, String from, String to) {
        Latencies leg = c.leg(from, to);
        return leg.percentile(50) + " / " + leg.percentile(99) + " ms";
    }

    private static String latency(int millis) {
        return millis < 0 ? "its own" : millis + " ms";
    }

    private static int freePort() throws Exception {
        return io.gatehouse.testing.process.KafkaProcess.freePort();
    }
}
