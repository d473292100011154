package io.gatehouse.bench;

import io.gatehouse.grant.domain.DesiredState;
import io.gatehouse.grant.domain.InMemoryFacts;
import io.gatehouse.grant.domain.InMemoryLedger;
import io.gatehouse.grant.domain.ManagedRole;
import io.gatehouse.grant.domain.Planner;
import io.gatehouse.grant.domain.Statement;
import io.gatehouse.grant.domain.TableRef;
import io.gatehouse.grant.snowflake.StatementRunner;
import io.gatehouse.naming.RoleNames;
import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applying UserJoinedBusiness plans through snowflake-jdbc alone, without the service around it: {@code bench.apply-joins}
 * new users join one business, their plans are made up front by the planner, then run against the Snowflake sandbox
 * at a fixed statement latency ({@code bench.latency-ms}), {@code bench.apply-concurrency} plans at a time, each
 * worker on a connection of its own. The floor is the statements' own time spread over the workers; what is above it
 * is the driver's and the sandbox's cost. (The planner's own speed is the JMH benchmark {@code micro}.)
 */
final class PlannerApply implements Benchmarks.Harness {

    private final int joins = Integer.getInteger("bench.apply-joins", 1_000);
    private final long latencyMs = Long.getLong("bench.latency-ms", 100);
    private final int concurrency = Integer.getInteger("bench.apply-concurrency", 16);

    @Override
    public String run() throws Exception {
        try (SnowflakeSandbox sf = SnowflakeSandbox.builder().adminPassword("admin").build().start()) {
            sf.provisionServiceUser("GATEHOUSE_ADMIN", "SVC", "pw");
            for (int u = 0; u < joins; u++) {
                sf.executeAsAdmin("CREATE USER U" + u + " PASSWORD = 'pw'");
                sf.executeAsAdmin("GRANT OWNERSHIP ON USER U" + u + " TO ROLE GATEHOUSE_ADMIN"); // for ALTER USER
            }
            sf.executeAsAdmin("CREATE DATABASE DB");
            sf.executeAsAdmin("CREATE SCHEMA DB.S");
            sf.executeAsAdmin("CREATE TABLE DB.S.T (id INT)");
            InMemoryFacts facts = new InMemoryFacts();
            facts.table("sales", new TableRef("DB", "S", "T"), "retail");
            Planner planner = new Planner(new DesiredState(facts, new RoleNames("GH_"), "SYSADMIN", false));
            InMemoryLedger ledger = new InMemoryLedger();
            Properties props = sf.connectionProperties("SVC", "pw");
            props.put("role", "GATEHOUSE_ADMIN");
            try (Connection c = DriverManager.getConnection(sf.jdbcUrl(), props)) {
                List<Statement> setup = planner.plan(List.of(new ManagedRole.Business("retail")), ledger::of);
                StatementRunner.run(c, setup);
                ledger.record(setup);
            }
            List<List<Statement>> plans = new ArrayList<>();
            for (int u = 0; u < joins; u++) {
                facts.join("U" + u, "retail");
                plans.add(planner.plan(List.of(new ManagedRole.User("U" + u)), ledger::of));
            }
            sf.setStatementLatency(Duration.ofMillis(latencyMs));
            return report(plans, apply(sf, props, plans));
        }
    }

    /** The applied plans' outcome: statements that succeeded, and the wall time of them all. */
    private record Applied(long ok, double seconds) {
    }

    private Applied apply(SnowflakeSandbox sf, Properties props, List<List<Statement>> plans) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < concurrency; i++) {
                connections.add(DriverManager.getConnection(sf.jdbcUrl(), props));
            }
            ThreadLocal<Connection> mine = new ThreadLocal<>();
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<Integer>> results = new ArrayList<>();
            for (List<Statement> plan : plans) {
                results.add(pool.submit(() -> {
                    if (mine.get() == null) {
                        mine.set(connections.get(next.getAndIncrement()));
                    }
                    return (int) StatementRunner.run(mine.get(), plan).stream().filter(StatementRunner.Outcome::ok).count();
                }));
            }
            long ok = 0;
            for (Future<Integer> f : results) {
                ok += f.get();
            }
            return new Applied(ok, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private String report(List<List<Statement>> plans, Applied applied) {
        long total = plans.stream().mapToLong(List::size).sum();
        double floor = total * latencyMs / 1000.0 / concurrency;
        return String.format("%d UserJoinedBusiness plans (new users, one business) applied through snowflake-jdbc "
                        + "against the sandbox, %d ms per statement, %d at a time, each on a connection of its own.%n%n"
                        + "| joins | statements per join | wall time | statements ok | floor: statements x latency / concurrency "
                        + "| of the floor | extrapolated to 10,000 joins |%n|---|---|---|---|---|---|---|%n"
                        + "| %d | %.1f | %.1f s | %d / %d | %.1f s | %.0f%% | %.0f s |%n",
                plans.size(), latencyMs, concurrency, plans.size(), (double) total / plans.size(), applied.seconds(),
                applied.ok(), total, floor, 100 * floor / applied.seconds(), applied.seconds() * 10_000 / plans.size());
    }
}
