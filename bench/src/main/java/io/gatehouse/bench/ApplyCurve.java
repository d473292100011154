package io.gatehouse.bench;

import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Applying joins end to end against the limit Snowflake sets: UserJoinedBusiness events for new users published on
 * Kafka and applied through the whole grant-service (inbox, job queue in the database, apply worker, snowflake-jdbc) at
 * each statement latency and apply concurrency of a grid, next to the same joins' plans run by the planner and
 * snowflake-jdbc alone ({@link PlannerApply}) and to the limit: each apply slot runs its share of the joins one after
 * the other, each join a chain of statements that cannot overlap, so {@code ceil(joins / concurrency) x statements per
 * join x latency}. After the headline point (the largest run at {@code bench.curve-headline-ms}), a full drift scan
 * must plan nothing: the state an apply leaves is the state the next scan wants.
 *
 * <p>A point's size ({@link #joins}): the headline's {@code bench.curve-joins} (10,000 at full size); the others fewer,
 * where the limit would pass {@code bench.curve-point-seconds} (concurrency 1 at 100 ms would take an hour and a half
 * at 10,000 joins).
 */
final class ApplyCurve implements Benchmarks.Harness {

    private static final String BUSINESS = "bench";
    private static final int WARM_UP = 200;

    private final boolean full = Boolean.getBoolean("bench.full-size");
    private final List<Integer> latencies = Benchmarks.ints("bench.curve-latencies", "0,20,100");
    private final List<Integer> concurrencies = Benchmarks.ints("bench.curve-concurrency", full ? "1,4,16,32" : "1,4,16");
    /** The headline point's joins: the 10,000 at full size. */
    private final int maxJoins = Integer.getInteger("bench.curve-joins", full ? 10_000 : 500);
    /** Any other point's joins at most: a rate, not a scale, is what they measure. */
    private final int pointJoins = Integer.getInteger("bench.curve-point-joins", full ? 2_000 : 500);
    private final int zeroJoins = Integer.getInteger("bench.curve-zero-joins", full ? 1_000 : 500);
    private final int pointSeconds = Integer.getInteger("bench.curve-point-seconds", full ? 20 : 10);
    private final int headlineMs = Integer.getInteger("bench.curve-headline-ms", 100);
    private final int headlineConcurrency = Integer.getInteger("bench.curve-headline-concurrency", 16);
    private final HttpClient http = HttpClient.newHttpClient();

    /** One point of the grid, measured end to end and by the planner alone. */
    record Point(int latencyMs, int concurrency, int joins, double seconds, long statements, double plannerSeconds,
                 Map<String, Double> cpu) {
        double perJoin() {
            return (double) statements / joins;
        }

        /** The limit's wall time: each slot's share of joins, one chain of statements after the other. */
        double limitSeconds() {
            return Math.ceil((double) joins / concurrency) * perJoin() * latencyMs / 1000.0;
        }

        double perSecond() {
            return joins / seconds;
        }

        double plannerPerSecond() {
            return joins / plannerSeconds;
        }

        double limitPerSecond() {
            return joins / limitSeconds();
        }
    }

    /** The drift scan after the headline point: roles scanned and drifted, and statements the fix would run. */
    record Convergence(int members, int drifted, Duration took) {
    }

    @Override
    public String run() throws Exception {
        List<Point> points = new ArrayList<>();
        Convergence convergence = null;
        for (int latency : latencies) {
            try (KafkaProcess kafka = KafkaProcess.start();
                 KafkaCompanion companion = new KafkaCompanion(kafka.bootstrapServers());
                 SnowflakeSandbox snowflake = SnowflakeSandbox.builder().accountName("BENCH").adminPassword("admin").build().start();
                 ServiceDatabases databases = new ServiceDatabases()) {
                GrantScaleOut.provision(snowflake);
                Map<String, String> env = GrantScaleOut.env(databases, "bench_curve_" + latency, kafka, snowflake);
                env.put("GATEHOUSE_GRANT_DRIFT_INTERVAL", "off"); // only the apply is timed
                Seeded seeded = new Seeded(companion, snowflake);
                for (int concurrency : concurrencies) {
                    int joins = joins(latency, concurrency);
                    Point point = measure(env, seeded, kafka, latency, concurrency, joins);
                    points.add(point);
                    System.out.printf("apply-curve: %d ms, concurrency %d: %d joins in %.1f s (%.1f/s; limit %.1f s), "
                                    + "planner alone %.1f s%n", latency, concurrency, joins, point.seconds(),
                            point.perSecond(), point.limitSeconds(), point.plannerSeconds());
                    if (latency == headlineMs && concurrency == headlineConcurrency) {
                        convergence = converged(env, seeded);
                    }
                }
            }
        }
        return report(points, convergence);
    }

    /**
     * The joins of a point: the headline's {@code bench.curve-joins}; at 0 ms {@code bench.curve-zero-joins}; else as
     * many as fit {@code pointSeconds} of limit (5 statements a join), at least 100 and at most
     * {@code bench.curve-point-joins}. At full size the grid took 36 minutes on 2 cores, the headline point 13 of them.
     */
    private int joins(int latency, int concurrency) {
        if (latency == headlineMs && concurrency == headlineConcurrency) {
            return maxJoins;
        }
        if (latency == 0) {
            return zeroJoins;
        }
        long fit = (long) pointSeconds * 1000 * concurrency / (5L * latency);
        return (int) Math.max(100, Math.min(pointJoins, fit));
    }

    /** The users joined so far on one system, each point adding new ones. */
    private static final class Seeded {
        final KafkaCompanion companion;
        final SnowflakeSandbox snowflake;
        int members;
        boolean published;

        Seeded(KafkaCompanion companion, SnowflakeSandbox snowflake) {
            this.companion = companion;
            this.snowflake = snowflake;
        }

        /** {@code count} new users (created in Snowflake first, at 0 ms) join the business; returns when all are seen. */
        void join(int count, Duration latency) {
            snowflake.setStatementLatency(Duration.ZERO);
            List<String> logins = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String login = "BENCH_" + (members + i);
                snowflake.executeAsAdmin("CREATE USER " + login + " PASSWORD = 'pw'");
                snowflake.executeAsAdmin("GRANT OWNERSHIP ON USER " + login + " TO ROLE GATEHOUSE_ADMIN");
                logins.add(login);
            }
            snowflake.setStatementLatency(latency);
            GrantScaleOut.sendAll(companion, GrantScaleOut.joins(logins, BUSINESS));
            int expected = members + count;
            Awaitility.await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> GrantScaleOut.members(snowflake) >= expected);
            members = expected;
            snowflake.setStatementLatency(Duration.ZERO);
        }
    }

    private Point measure(Map<String, String> base, Seeded seeded, KafkaProcess kafka, int latency, int concurrency, int joins)
            throws Exception {
        Map<String, String> env = new HashMap<>(base);
        env.put("GATEHOUSE_GRANT_APPLY_CONCURRENCY", Integer.toString(concurrency));
        // a connection per apply slot, and the pool's usual headroom for the drift check and REST reads
        env.put("GATEHOUSE_SNOWFLAKE_POOL", Integer.toString(concurrency + 4));
        try (ServiceProcess service = ServiceProcess.start("grant-service", "grant-service-curve-" + latency + "-" + concurrency,
                KafkaProcess.freePort(), env)) {
            service.awaitReady(Duration.ofSeconds(180));
            if (!seeded.published) {
                GrantScaleOut.send(seeded.companion, new TableAdded("RAW", "BENCH", "FACTS", "facts", List.of(BUSINESS), null, null));
                Awaitility.await().atMost(Duration.ofSeconds(120))
                        .until(() -> !seeded.snowflake.executeAsAdmin("SHOW ROLES LIKE 'GH_BIZ_BENCH_PUBLIC'").isEmpty());
                seeded.published = true;
            }
            seeded.join(WARM_UP, Duration.ZERO); // the JIT and the pool's logins, untimed
            long before = seeded.snowflake.statementLog().entries().size();
            Map<String, Long> processes = new java.util.LinkedHashMap<>();
            processes.put("grant-service", service.pid());
            processes.put("Kafka broker", kafka.pid());
            Map<String, Double> cpuBefore = CpuTime.sample(processes);
            Instant start = Instant.now();
            seeded.join(joins, Duration.ofMillis(latency));
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            Map<String, Double> cpu = CpuTime.between(cpuBefore, CpuTime.sample(processes));
            long statements = seeded.snowflake.statementLog().entries().size() - before;
            double planner = PlannerApply.measure(joins, latency, concurrency).seconds();
            return new Point(latency, concurrency, joins, seconds, statements, planner, cpu);
        }
    }

    /** A full drift scan after the apply, at 0 ms: every managed role read back and compared with the ledger. */
    private Convergence converged(Map<String, String> env, Seeded seeded) throws Exception {
        try (ServiceProcess service = ServiceProcess.start("grant-service", "grant-service-curve-drift",
                KafkaProcess.freePort(), env)) {
            service.awaitReady(Duration.ofSeconds(180));
            Instant start = Instant.now();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/drift"))
                            .header("Authorization", "Bearer " + TestTokens.ops()).timeout(Duration.ofHours(1)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /drift answered " + response.statusCode() + ": " + response.body());
            }
            int drifted = response.body().split("\"role\"", -1).length - 1;
            return new Convergence(seeded.members, drifted, Duration.between(start, Instant.now()));
        }
    }

    private String report(List<Point> points, Convergence convergence) throws Exception {
        StringBuilder out = new StringBuilder(String.format(
                "UserJoinedBusiness events for new users of one business, published at once on Kafka and applied by one "
                        + "grant-service (inbox, job queue in the database, apply worker, snowflake-jdbc) at each statement "
                        + "latency and apply concurrency (`GATEHOUSE_GRANT_APPLY_CONCURRENCY`, a pool of concurrency + 4 "
                        + "Snowflake connections), after %d untimed joins that warm the service. The clock runs from the first "
                        + "event sent to the last member seen in Snowflake. The planner-only column runs the same joins' "
                        + "plans through snowflake-jdbc alone at the same concurrency (no Kafka, no database). The limit: "
                        + "ceil(joins / concurrency) x statements per join x latency (each slot runs its joins one after "
                        + "the other, a join's statements one after the other).%n%n"
                        + "| latency | concurrency | joins | statements per join | end to end | joins/s | planner only | limit "
                        + "| end to end of limit | planner of limit |%n|---|---|---|---|---|---|---|---|---|---|%n", WARM_UP));
        for (Point p : points) {
            boolean limited = p.latencyMs() > 0;
            out.append(String.format("| %d ms | %d | %,d | %.2f | %.1f s | %.1f | %.1f s | %s | %s | %s |%n", p.latencyMs(),
                    p.concurrency(), p.joins(), p.perJoin(), p.seconds(), p.perSecond(), p.plannerSeconds(),
                    limited ? String.format("%.1f s", p.limitSeconds()) : "none",
                    limited ? String.format("%.0f%%", 100 * p.limitSeconds() / p.seconds()) : "-",
                    limited ? String.format("%.0f%%", 100 * p.limitSeconds() / p.plannerSeconds()) : "-"));
        }
        out.append(cpuTable(points));
        for (int latency : latencies) {
            Plot plot = Plot.of("Joins applied per second at " + latency + " ms per statement", "apply concurrency", "joins/s");
            for (Point p : points) {
                if (p.latencyMs() != latency) {
                    continue;
                }
                plot.point("end to end (grant-service)", p.concurrency(), p.perSecond());
                plot.point("planner and snowflake-jdbc only", p.concurrency(), p.plannerPerSecond());
                if (latency > 0) {
                    plot.point("limit", p.concurrency(), p.limitPerSecond());
                }
            }
            out.append(System.lineSeparator()).append(Report.image("joins/s by concurrency at " + latency + " ms",
                    plot.writeLine("apply-curve-" + latency + "ms")));
        }
        out.append(System.lineSeparator()).append(goals(points));
        if (convergence != null) {
            out.append(String.format("%nConvergence: after the headline point, a full drift scan (`GET /drift`, 0 ms) of "
                            + "the business, its table group and %,d user roles took %.1f s and found **%d drifted roles**: "
                            + "the plan after an apply is empty.%n", convergence.members(),
                    convergence.took().toMillis() / 1000.0, convergence.drifted()));
            if (convergence.drifted() != 0) {
                throw new IllegalStateException("the drift scan after the apply found " + convergence.drifted() + " drifted roles");
            }
        }
        return out.toString();
    }

    /**
     * Where the cores went while a point's joins were applied: CPU milliseconds per join by process, and how busy the
     * machine was. The users' creation in Snowflake before the clock is not in it; the producer's sends are.
     */
    private static String cpuTable(List<Point> points) {
        List<Point> measured = points.stream().filter(p -> !p.cpu().isEmpty()).toList();
        if (measured.isEmpty()) {
            return "";
        }
        List<String> parts = List.copyOf(measured.get(0).cpu().keySet());
        StringBuilder out = new StringBuilder(String.format("%nCPU per join while a point's joins were applied (ms, user "
                + "and system, from /proc), and the machine's cores in use (%d cores):%n%n| latency | concurrency | ",
                Runtime.getRuntime().availableProcessors()));
        out.append(String.join(" | ", parts)).append(" | cores in use |\n|---|---|")
                .append("---|".repeat(parts.size() + 1)).append('\n');
        for (Point p : measured) {
            out.append(String.format("| %d ms | %d | ", p.latencyMs(), p.concurrency()));
            for (String part : parts) {
                out.append(String.format("%.1f | ", 1000 * p.cpu().getOrDefault(part, 0.0) / p.joins()));
            }
            out.append(String.format("%.2f |%n", p.cpu().getOrDefault(CpuTime.MACHINE, 0.0) / p.seconds()));
        }
        return out.toString();
    }

    /** The goals, judged on this run's points where it measured them. */
    private String goals(List<Point> points) {
        StringBuilder out = new StringBuilder("Judged against issue 17's goals:\n\n");
        points.stream().filter(p -> p.latencyMs() == 100 && p.concurrency() == 16).findFirst().ifPresent(p -> {
            double ofLimit = 100 * p.limitSeconds() / p.seconds();
            double planner = 100 * p.limitSeconds() / p.plannerSeconds();
            out.append(String.format("- end to end at 100 ms, concurrency 16: %.0f%% of the limit (goal >= 80%%): %s%n",
                    ofLimit, ofLimit >= 80 ? "met" : "not met"));
            out.append(String.format("- planner only at 100 ms, concurrency 16: %.0f%% of the limit (goal >= 95%%): %s%n",
                    planner, planner >= 95 ? "met" : "not met"));
        });
        points.stream().filter(p -> p.latencyMs() == 0).max((a, b) -> Double.compare(a.perSecond(), b.perSecond()))
                .ifPresent(p -> out.append(String.format("- end to end at 0 ms: %.0f joins/s at concurrency %d "
                        + "(goal >= 200 joins/s): %s%n", p.perSecond(), p.concurrency(), p.perSecond() >= 200 ? "met" : "not met")));
        return out.toString();
    }
}
