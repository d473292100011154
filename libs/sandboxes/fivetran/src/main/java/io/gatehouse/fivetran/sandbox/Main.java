package io.gatehouse.fivetran.sandbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox as its own process for the local run. Options (argument wins over environment):
 * <pre>
 *   --port=8089            FIVETRAN_SANDBOX_PORT        (default 8089; 0 = any free port)
 *   --api-key=KEY          FIVETRAN_API_KEY             (default sandbox-key)
 *   --api-secret=SECRET    FIVETRAN_API_SECRET          (default sandbox-secret)
 *   --groups=g1,g2         FIVETRAN_SANDBOX_GROUPS      (default sandbox_group)
 *   --credential=PW        FIVETRAN_SANDBOX_CREDENTIAL  (default correct-horse)
 *   --sync-seconds=N       FIVETRAN_SANDBOX_SYNC_SECONDS (default 5)
 * </pre>
 * Prints exactly one line {@code FIVETRAN_SANDBOX_READY <base-url>} once it accepts requests.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = parse(args);
        SandboxSettings.Builder builder = FivetranSandbox.builder()
                .port(Integer.parseInt(option(options, "port", "FIVETRAN_SANDBOX_PORT", "8089")))
                .apiKey(option(options, "api-key", "FIVETRAN_API_KEY", "sandbox-key"))
                .apiSecret(option(options, "api-secret", "FIVETRAN_API_SECRET", "sandbox-secret"))
                .acceptedCredential(option(options, "credential", "FIVETRAN_SANDBOX_CREDENTIAL", "correct-horse"))
                .syncDuration(Duration.ofSeconds(Long.parseLong(option(options, "sync-seconds", "FIVETRAN_SANDBOX_SYNC_SECONDS", "5"))))
                .webhookRetryIncrement(Duration.ofSeconds(5));
        for (String group : option(options, "groups", "FIVETRAN_SANDBOX_GROUPS", "sandbox_group").split(",")) {
            if (!group.isBlank()) builder.group(group.trim());
        }
        FivetranSandbox sandbox = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.stop();
            stopped.countDown();
        }));
        System.out.println("FIVETRAN_SANDBOX_READY " + sandbox.baseUrl());
        System.out.flush();
        stopped.await();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got: " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    private static String option(Map<String, String> options, String name, String env, String fallback) {
        String value = options.get(name);
        if (value == null) value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }
}
