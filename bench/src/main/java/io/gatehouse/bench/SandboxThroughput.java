package io.gatehouse.bench;

import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Statements per second through snowflake-jdbc against the Snowflake sandbox alone, on one connection and on eight, at
 * each of {@code bench.sandbox-latencies} (ms): what the stand-in itself can serve, so that the other harnesses'
 * figures are known not to be the sandbox's. The statement mix is a grant service's: GRANT ROLE, SHOW GRANTS TO ROLE,
 * CREATE ROLE IF NOT EXISTS and SELECT CURRENT_ROLE(), each result set read to the end.
 */
final class SandboxThroughput implements Benchmarks.Harness {

    private static final String PASSWORD = "bench";

    private final List<Integer> latencies = Benchmarks.ints("bench.sandbox-latencies", "0,100");

    @Override
    public String run() throws Exception {
        StringBuilder out = new StringBuilder("""
                The grant statement mix through snowflake-jdbc against the sandbox, each connection on a role of its own.

                | latency | connections | statements | wall time | statements/s | limit: connections / latency |
                |---|---|---|---|---|---|
                """);
        try (SnowflakeSandbox sandbox = SnowflakeSandbox.builder().adminPassword(PASSWORD).build().start()) {
            for (int i = 0; i < 8; i++) {
                sandbox.executeAsAdmin("CREATE ROLE BENCH_" + i);
            }
            run(sandbox, 1, 2000); // warm-up: the JIT and the driver's first session
            for (int latency : latencies) {
                sandbox.setStatementLatency(Duration.ofMillis(latency));
                int perConnection = latency == 0 ? 5000 : Math.max(20, 3000 / latency);
                for (int connections : new int[] {1, 8}) {
                    double[] measured = run(sandbox, connections, perConnection);
                    out.append(String.format("| %d ms | %d | %,d | %.2f s | %,.0f | %s |%n", latency, connections,
                            (long) measured[0], measured[1], measured[0] / measured[1],
                            latency == 0 ? "none" : String.format("%,.0f", connections * 1000.0 / latency)));
                }
            }
        }
        return out.toString();
    }

    /** Statements run and seconds taken. */
    private static double[] run(SnowflakeSandbox sandbox, int connections, int perConnection) throws Exception {
        List<Connection> open = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            open.add(DriverManager.getConnection(sandbox.jdbcUrl(), sandbox.connectionProperties("ADMIN", PASSWORD)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            long before = sandbox.statementLog().count();
            long start = System.nanoTime();
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Connection c = open.get(i);
                int worker = i;
                done.add(pool.submit(() -> {
                    work(c, worker, perConnection);
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
            return new double[] {sandbox.statementLog().count() - before, (System.nanoTime() - start) / 1e9};
        } finally {
            pool.shutdown();
            for (Connection c : open) {
                c.close();
            }
        }
    }

    private static void work(Connection c, int worker, int count) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < count; i++) {
                switch (i % 4) {
                    case 0 -> s.execute("GRANT ROLE BENCH_" + worker + " TO ROLE SYSADMIN");
                    case 1 -> drain(s.executeQuery("SHOW GRANTS TO ROLE BENCH_" + worker));
                    case 2 -> s.execute("CREATE ROLE IF NOT EXISTS BENCH_" + worker);
                    default -> drain(s.executeQuery("SELECT CURRENT_ROLE()"));
                }
            }
        }
    }

    private static void drain(ResultSet rs) throws SQLException {
        try (rs) {
            while (rs.next()) {
                rs.getString(1);
            }
        }
    }
}
