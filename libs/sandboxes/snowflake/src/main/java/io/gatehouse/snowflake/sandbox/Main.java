package io.gatehouse.snowflake.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox as its own process for the local run.
 *
 * <pre>
 * java -cp ... io.gatehouse.snowflake.sandbox.Main [--port 8085] [--account SANDBOX] [--admin-user ADMIN]
 *      [--admin-password admin] [--state-file sandbox-state.json] [--latency-ms 0] [--init-sql setup.sql]
 *      [--require-warehouse false]
 * </pre>
 *
 * {@code --init-sql} runs a file of {@code ;}-terminated statements as the admin when the account is new
 * (no state file yet): the one-time setup an account administrator does in real Snowflake.
 *
 * Each option may also come from the environment: SNOWFLAKE_SANDBOX_PORT, _ACCOUNT, _ADMIN_USER,
 * _ADMIN_PASSWORD, _STATE_FILE, _LATENCY_MS, _INIT_SQL, _REQUIRE_WAREHOUSE. Prints one line when ready.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        Map<String, String> options = parse(args);
        SnowflakeSandbox.Builder builder = SnowflakeSandbox.builder()
                .port(Integer.parseInt(option(options, "port", "8085")))
                .accountName(option(options, "account", "SANDBOX"))
                .adminUser(option(options, "admin-user", "ADMIN"))
                .adminPassword(option(options, "admin-password", "admin"))
                .statementLatency(Duration.ofMillis(Long.parseLong(option(options, "latency-ms", "0"))))
                .requireWarehouse(Boolean.parseBoolean(option(options, "require-warehouse", "false")));
        String stateFile = option(options, "state-file", null);
        boolean fresh = stateFile == null || !Files.exists(Path.of(stateFile));
        if (stateFile != null) {
            builder.stateFile(Path.of(stateFile));
        }
        SnowflakeSandbox sandbox = builder.build().start();
        String initSql = option(options, "init-sql", null);
        if (fresh && initSql != null) {
            for (String statement : statements(Files.readString(Path.of(initSql)))) {
                sandbox.executeAsAdmin(statement);
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.stop();
            stopped.countDown();
        }));
        System.out.println("Snowflake sandbox ready: " + sandbox.jdbcUrl() + " (admin user " + sandbox.adminUser()
                + ", connect with disablePlatformDetection=true)");
        stopped.await();
    }

    /** Splits a script on {@code ;} at line ends, leaving out blank lines and {@code --} comments. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(current.isEmpty() ? "" : " ").append(trimmed);
            if (trimmed.endsWith(";")) {
                out.add(current.substring(0, current.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + arg);
            }
        }
        return options;
    }

    private static String option(Map<String, String> options, String name, String fallback) {
        String value = options.get(name);
        if (value == null) {
            value = System.getenv("SNOWFLAKE_SANDBOX_" + name.toUpperCase().replace('-', '_'));
        }
        return value == null ? fallback : value;
    }
}
