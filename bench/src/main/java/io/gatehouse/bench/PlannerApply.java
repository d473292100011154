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
 * Applying UserJoinedBusiness plans through snowflake-jdbc alone, without the service around it: new users join one
 * business, their plans made up front by the grant-service's planner, then run against a Snowflake sandbox of their
 * own at a fixed statement latency, {@code concurrency} plans at a time, each worker on a connection of its own. The
 * second line of {@link ApplyCurve}: what is above it there is the service's own cost (Kafka, the inbox, the job
 * queue, the database), what is above the limit here is the driver's and the sandbox's. (The planner's own speed is
 * the JMH benchmark {@code micro}.)
 */
final class PlannerApply {

    private PlannerApply() {
    }

    static Applied measure(int joins, long latencyMs, int concurrency) throws Exception {
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
            Applied applied = apply(sf, props, plans, concurrency);
            long total = plans.stream().mapToLong(List::size).sum();
            if (applied.ok() != total) {
                throw new IllegalStateException("planner-only apply: " + applied.ok() + " of " + total + " statements succeeded");
            }
            return applied;
        }
    }

    /** The applied plans' outcome: statements that succeeded, and the wall time of them all. */
    record Applied(long ok, double seconds) {
    }

    private static Applied apply(SnowflakeSandbox sf, Properties props, List<List<Statement>> plans, int concurrency)
            throws Exception {
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
}
