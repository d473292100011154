package io.gatehouse.snowflake.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second, independent client: the Node.js snowflake-sdk (src/test/node/client.js, pinned by its package-lock.json)
 * logs in to the sandbox with a password and with an encrypted key-pair file, runs SHOW ROLES, a SELECT its role may
 * not run (002003) and one it may (the rows, typed). That the sandbox speaks the protocol, not one driver's habits.
 * Skipped only when {@code node} is not on PATH; {@code npm ci} runs only when node_modules is missing.
 */
class NodeClientTest extends SandboxTestBase {

    static final Path SCRIPT_DIR = Path.of("src", "test", "node").toAbsolutePath();
    static final String ROWS = "[{\"ID\":1,\"NAME\":\"one\"},{\"ID\":2,\"NAME\":\"two\"}]";

    @TempDir
    Path dir;
    Map<String, String> env;

    @BeforeEach
    void account() throws Exception {
        Assumptions.assumeTrue(onPath("node"), "Node.js is missing: no node on PATH, so the snowflake-sdk client"
                + " (src/test/node) cannot run");
        installSdk();
        readableTable("(1, 'one'), (2, 'two')");
        sandbox.executeAsAdmin("CREATE TABLE D1.S1.SECRET (ID INT)");
        sandbox.executeAsAdmin("CREATE WAREHOUSE READ_WH");
        sandbox.executeAsAdmin("GRANT USAGE ON WAREHOUSE READ_WH TO ROLE READER");
        sandbox.setRequireWarehouse(true);
        sandbox.executeAsAdmin("CREATE USER alice PASSWORD = 'alice-pw' DEFAULT_ROLE = READER"
                + " DEFAULT_WAREHOUSE = READ_WH");
        sandbox.executeAsAdmin("GRANT ROLE READER TO USER alice");
        KeyPair key = RsaKeyFiles.generate();
        sandbox.executeAsAdmin("CREATE USER svc TYPE = SERVICE RSA_PUBLIC_KEY = '" + RsaKeyFiles.publicKey(key)
                + "' DEFAULT_ROLE = READER DEFAULT_WAREHOUSE = READ_WH");
        sandbox.executeAsAdmin("GRANT ROLE READER TO USER svc");
        Path keyFile = RsaKeyFiles.writeEncryptedPkcs8(key.getPrivate(), dir.resolve("svc.p8"), "key-secret");

        env = new HashMap<>();
        env.put("SNOWFLAKE_ACCESS_URL", "http://127.0.0.1:" + sandbox.port());
        env.put("SNOWFLAKE_ACCOUNT", sandbox.accountName());
        env.put("SNOWFLAKE_USER", "alice");
        env.put("SNOWFLAKE_PASSWORD", "alice-pw");
        env.put("SNOWFLAKE_KEY_USER", "svc");
        env.put("SNOWFLAKE_PRIVATE_KEY_PATH", keyFile.toString());
        env.put("SNOWFLAKE_PRIVATE_KEY_PASS", "key-secret");
        env.put("SNOWFLAKE_ROLE", "READER");
        env.put("SNOWFLAKE_REFUSED_SELECT", "SELECT * FROM D1.S1.SECRET");
        env.put("SNOWFLAKE_ALLOWED_SELECT", "SELECT ID, NAME FROM D1.S1.T1");
        env.put("SNOWFLAKE_EXPECTED_ROWS", ROWS);
    }

    @AfterEach
    void noWarehouseRequirement() {
        sandbox.setRequireWarehouse(false);
    }

    @Test
    void theNodeClientLogsInWithAPasswordAndAKeyPairAndIsRefusedAndAllowedAsJdbcIs() throws Exception {
        int sessions = sandbox.openSessions();

        Run run = node();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains(
                "ok password: SHOW ROLES lists READER",
                "ok password: refused with 002003 / 42S02: SQL compilation error:\nObject 'D1.S1.SECRET' does not"
                        + " exist or not authorized.",
                "ok password: 2 rows " + ROWS,
                "ok key pair: SHOW ROLES lists READER",
                "ok key pair: refused with 002003 / 42S02",
                "ok key pair: 2 rows " + ROWS,
                "node client: all checks passed");
        // The statements reached this sandbox, as each user, and each session was closed.
        for (String user : List.of("ALICE", "SVC")) {
            assertThat(sandbox.statementLog().entries()).filteredOn(e -> e.user().equals(user))
                    .extracting(e -> e.sql() + " -> " + e.errorCode())
                    .containsExactly("SHOW ROLES -> null", "SELECT * FROM D1.S1.SECRET -> 002003",
                            "SELECT ID, NAME FROM D1.S1.T1 -> null");
        }
        assertThat(sandbox.openSessions()).isEqualTo(sessions);
    }

    /** The script is no rubber stamp: a SELECT that should be refused but is allowed fails it, saying so. */
    @Test
    void theNodeClientFailsWithAClearMessageWhenTheSandboxAnswersOtherwise() throws Exception {
        sandbox.executeAsAdmin("GRANT SELECT ON TABLE D1.S1.SECRET TO ROLE READER");

        Run run = node();

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("node client: FAILED: password: \"SELECT * FROM D1.S1.SECRET\" returned []"
                + " instead of error 002003").doesNotContain("all checks passed");
    }

    record Run(int exitCode, String output) {
    }

    Run node() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("node", "client.js").directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("node.out").toFile());
        pb.environment().putAll(env);
        // The SDK keeps caches under the home directory; keep them out of the user's.
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("node client.js did not finish in 2 minutes: "
                    + Files.readString(dir.resolve("node.out")));
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("node.out"), StandardCharsets.UTF_8));
    }

    /**
     * The package-lock pins snowflake-sdk; {@code npm ci} fetches it once (CI's .ci/run does it up front), so a run
     * with node_modules present never touches the network.
     */
    static synchronized void installSdk() throws IOException, InterruptedException {
        if (Files.isDirectory(SCRIPT_DIR.resolve("node_modules").resolve("snowflake-sdk"))) {
            return;
        }
        Path log = Files.createTempFile("npm-ci", ".log");
        Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(SCRIPT_DIR.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(10, TimeUnit.MINUTES);
        String output = Files.readString(log);
        Files.delete(log);
        if (!finished || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("npm ci in " + SCRIPT_DIR + " failed: " + output);
        }
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, program))) {
                return true;
            }
        }
        return false;
    }
}
