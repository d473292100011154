package io.gatehouse.grant.bench;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark, not a test: (1) planner throughput on 100k users x 1M tables in memory; (2) applying N
 * UserJoinedBusiness events through snowflake-jdbc against the sandbox with injected statement latency, C at a time.
 * Args: N latencyMs concurrency (default 1000 100 16).
 */
public final class GrantBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long latencyMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        plannerThroughput();
        apply(n, latencyMs, concurrency);
    }

    static void plannerThroughput() {
        InMemoryFacts facts = new InMemoryFacts();
        int groups = 10_000;
        int businesses = 1_000;
        for (int t = 0; t < 1_000_000; t++) {
            int g = t % groups;
            facts.table("g" + g, new TableRef("DB" + (g % 50), "S" + (g % 500), "T" + t), "b" + (g % businesses));
        }
        for (int u = 0; u < 100_000; u++) {
            facts.join("u" + u, "b" + (u % businesses));
        }
        RoleNames names = new RoleNames("GH_");
        Planner planner = new Planner(new DesiredState(facts, names, "SYSADMIN", false));
        InMemoryLedger ledger = new InMemoryLedger();
        for (int b = 0; b < businesses; b++) {
            ledger.record(planner.plan(List.of(new ManagedRole.Business("b" + b)), ledger::of));
        }
        // warm up, then time UserJoinedBusiness (new user) and TableAdded (existing group of 100 tables)
        long statements = 0;
        for (int u = 0; u < 20_000; u++) {
            statements += planner.plan(List.of(new ManagedRole.User("u" + u)), ledger::of).size();
        }
        long start = System.nanoTime();
        int joins = 100_000;
        for (int u = 0; u < joins; u++) {
            statements += planner.plan(List.of(new ManagedRole.User("u" + u)), ledger::of).size();
        }
        double joinSecs = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        int adds = 10_000;
        for (int g = 0; g < adds; g++) {
            statements += planner.plan(List.of(new ManagedRole.Group("g" + g)), ledger::of).size();
        }
        double addSecs = (System.nanoTime() - start) / 1e9;
        System.out.printf("planner, 100k users x 1M tables (10k groups, 1k businesses): UserJoinedBusiness %.0f plans/s,"
                + " group re-plan (100 tables, full role state) %.0f plans/s (%d statements planned)%n",
                joins / joinSecs, adds / addSecs, statements);
    }

    static void apply(int n, long latencyMs, int concurrency) throws Exception {
        try (SnowflakeSandbox sf = SnowflakeSandbox.builder().adminPassword("admin").build().start()) {
            sf.provisionServiceUser("GATEHOUSE_ADMIN", "SVC", "pw");
            for (int u = 0; u < n; u++) {
                sf.executeAsAdmin("CREATE USER U" + u + " PASSWORD = 'pw'");
                sf.executeAsAdmin("GRANT OWNERSHIP ON USER U" + u + " TO ROLE GATEHOUSE_ADMIN"); // for ALTER USER
            }
            InMemoryFacts facts = new InMemoryFacts();
            facts.table("sales", new TableRef("DB", "S", "T"), "retail");
            Planner planner = new Planner(new DesiredState(facts, new RoleNames("GH_"), "SYSADMIN", false));
            InMemoryLedger ledger = new InMemoryLedger();
            java.util.Properties props = sf.connectionProperties("SVC", "pw");
            props.put("role", "GATEHOUSE_ADMIN");
            sf.executeAsAdmin("CREATE DATABASE DB");
            sf.executeAsAdmin("CREATE SCHEMA DB.S");
            sf.executeAsAdmin("CREATE TABLE DB.S.T (id INT)");
            try (Connection c = DriverManager.getConnection(sf.jdbcUrl(), props)) {
                List<Statement> setup = planner.plan(List.of(new ManagedRole.Business("retail")), ledger::of);
                StatementRunner.run(c, setup);
                ledger.record(setup);
            }
            List<List<Statement>> plans = new ArrayList<>();
            for (int u = 0; u < n; u++) {
                facts.join("U" + u, "retail");
                plans.add(planner.plan(List.of(new ManagedRole.User("U" + u)), ledger::of));
            }
            long total = plans.stream().mapToLong(List::size).sum();
            sf.setStatementLatency(Duration.ofMillis(latencyMs));
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            List<Connection> connections = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                connections.add(DriverManager.getConnection(sf.jdbcUrl(), props));
            }
            ThreadLocal<Connection> mine = new ThreadLocal<>();
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
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
            double secs = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            for (Connection c : connections) {
                c.close();
            }
            double limit = total * latencyMs / 1000.0 / concurrency;
            System.out.printf("apply %d UserJoinedBusiness (%.1f statements/event), %d ms latency, concurrency %d: %.1f s "
                    + "(%d/%d statements ok); limit statements x latency / concurrency = %.1f s; extrapolated to 10k: %.0f s%n",
                    n, (double) total / n, latencyMs, concurrency, secs, ok, total, limit, secs * 10_000 / n);
        }
    }
}
