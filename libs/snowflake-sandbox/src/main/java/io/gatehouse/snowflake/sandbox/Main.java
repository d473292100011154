package io.gatehouse.snowflake.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox as its own process for the local run.
 *
 * <pre>
 * java -cp ... io.gatehouse.snowflake.sandbox.Main [--port 8085] [--account SANDBOX] [--admin-user ADMIN]
 *      [--admin-password admin] [--state-file sandbox-state.json] [--latency-ms 0]
 * </pre>
 *
 * Each option may also come from the environment: SNOWFLAKE_SANDBOX_PORT, _ACCOUNT, _ADMIN_USER,
 * _ADMIN_PASSWORD, _STATE_FILE, _LATENCY_MS. Prints one line when ready.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = parse(args);
        SnowflakeSandbox.Builder builder = SnowflakeSandbox.builder()
                .port(Integer.parseInt(option(options, "port", "8085")))
                .accountName(option(options, "account", "SANDBOX"))
                .adminUser(option(options, "admin-user", "ADMIN"))
                .adminPassword(option(options, "admin-password", "admin"))
                .statementLatency(Duration.ofMillis(Long.parseLong(option(options, "latency-ms", "0"))));
        String stateFile = option(options, "state-file", null);
        if (stateFile != null) {
            builder.stateFile(Path.of(stateFile));
        }
        SnowflakeSandbox sandbox = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.stop();
            stopped.countDown();
        }));
        System.out.println("Snowflake sandbox ready: " + sandbox.jdbcUrl() + " (admin user " + sandbox.adminUser()
                + ", connect with disablePlatformDetection=true)");
        stopped.await();
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
