package io.gatehouse.snowflake.sandbox.bench;

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
 * Statements per second through snowflake-jdbc against the sandbox, on one connection and on eight, with
 * and without injected latency. A plain main, not a test:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(deps) io.gatehouse.snowflake.sandbox.bench.SandboxBenchmark [latencyMs...]
 * </pre>
 *
 * The statement mix is what a grant service issues: GRANT ROLE, SHOW GRANTS TO ROLE, CREATE ROLE IF NOT
 * EXISTS and SELECT CURRENT_ROLE(), each result set read to the end.
 */
public final class SandboxBenchmark {

    private static final String PASSWORD = "bench";

    private SandboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (String a : args) {
            latencies.add(Long.parseLong(a));
        }
        if (latencies.isEmpty()) {
            latencies = List.of(0L, 100L);
        }
        try (SnowflakeSandbox sandbox = SnowflakeSandbox.builder().adminPassword(PASSWORD).build().start()) {
            for (int i = 0; i < 8; i++) {
                sandbox.executeAsAdmin("CREATE ROLE BENCH_" + i);
            }
            run(sandbox, 1, 2000, "warm-up");
            for (long latency : latencies) {
                sandbox.setStatementLatency(Duration.ofMillis(latency));
                int perConnection = latency == 0 ? 5000 : (int) Math.max(20, 3000 / latency);
                for (int connections : new int[] {1, 8}) {
                    run(sandbox, connections, perConnection, "latency " + latency + " ms");
                }
            }
        }
    }

    private static void run(SnowflakeSandbox sandbox, int connections, int perConnection, String label)
            throws Exception {
        List<Connection> open = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            open.add(DriverManager.getConnection(sandbox.jdbcUrl(), sandbox.connectionProperties("ADMIN", PASSWORD)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(connections);
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
        double seconds = (System.nanoTime() - start) / 1e9;
        long statements = sandbox.statementLog().count() - before;
        pool.shutdown();
        for (Connection c : open) {
            c.close();
        }
        System.out.printf("%-16s %d connection(s): %6d statements in %6.2f s = %8.1f statements/s%n", label,
                connections, statements, seconds, statements / seconds);
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
