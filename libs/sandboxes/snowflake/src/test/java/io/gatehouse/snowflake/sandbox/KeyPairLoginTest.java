package io.gatehouse.snowflake.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.snowflake.sandbox.login.RsaPublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key-pair login (authenticator=SNOWFLAKE_JWT) through snowflake-jdbc, with rotation and refusals. */
class KeyPairLoginTest extends SandboxTestBase {

    static KeyPair first;
    static KeyPair second;

    @BeforeAll
    static void keys() {
        first = RsaKeyFiles.generate();
        second = RsaKeyFiles.generate();
    }

    static String publicKey(KeyPair pair) {
        return RsaKeyFiles.publicKey(pair);
    }

    Connection connectWithKey(String user, KeyPair pair) throws SQLException {
        return DriverManager.getConnection(sandbox.jdbcUrl(),
                sandbox.keyPairConnectionProperties(user, pair.getPrivate()));
    }

    void serviceUser() {
        sandbox.executeAsAdmin("CREATE ROLE LOADER");
        sandbox.executeAsAdmin("CREATE USER svc TYPE = SERVICE RSA_PUBLIC_KEY = '" + publicKey(first)
                + "' DEFAULT_ROLE = LOADER");
        sandbox.executeAsAdmin("GRANT ROLE LOADER TO USER svc");
    }

    static void assertJwtRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable login) {
        assertThatThrownBy(login)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("JWT token is invalid.")
                .satisfies(e -> {
                    assertThat(((SQLException) e).getErrorCode()).isEqualTo(390144);
                    assertThat(((SQLException) e).getSQLState()).isEqualTo("08001");
                });
    }

    @Test
    void aServiceUserLogsInWithItsKeyAndNoPassword() throws SQLException {
        serviceUser();
        try (Connection c = connectWithKey("svc", first)) {
            assertThat(single(c, "SELECT CURRENT_USER()")).isEqualTo("SVC");
            assertThat(single(c, "SELECT CURRENT_ROLE()")).isEqualTo("LOADER");
        }
    }

    @Test
    void rotationThroughRsaPublicKey2KeepsBothKeysWorkingUntilTheOldOneIsUnset() throws SQLException {
        serviceUser();
        assertJwtRefused(() -> connectWithKey("svc", second).close());

        exec(admin(), "ALTER USER svc SET RSA_PUBLIC_KEY_2 = '" + publicKey(second) + "'");
        connectWithKey("svc", second).close();
        connectWithKey("svc", first).close();

        exec(admin(), "ALTER USER svc UNSET RSA_PUBLIC_KEY");
        connectWithKey("svc", second).close();
        assertJwtRefused(() -> connectWithKey("svc", first).close());
    }

    @Test
    void aWrongKeyAUserWithoutKeysAndAnUnknownUserAreRefusedWithTheDriversJwtError() {
        serviceUser();
        user("person", "pw");
        assertJwtRefused(() -> connectWithKey("svc", second).close());
        assertJwtRefused(() -> connectWithKey("person", first).close());
        assertJwtRefused(() -> connectWithKey("nobody", first).close());
    }

    @Test
    void aServiceUserCannotLogInWithAPasswordEvenIfItHasOne() throws SQLException {
        serviceUser();
        exec(admin(), "ALTER USER svc SET PASSWORD = 'pw'");
        assertThatThrownBy(() -> connect("svc", "pw"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(390100));
        // The same user as a PERSON may (TYPE = NULL "functions the same as PERSON").
        exec(admin(), "ALTER USER svc UNSET TYPE");
        connect("svc", "pw");
    }

    @Test
    void aPersonMayHoldBothAPasswordAndAKey() throws SQLException {
        user("person", "pw");
        exec(admin(), "ALTER USER person SET RSA_PUBLIC_KEY = '" + publicKey(first) + "'");
        connect("person", "pw");
        connectWithKey("person", first).close();
    }

    @Test
    void descUserShowsTheKeysFingerprintsAsTheDriverComputesThem() throws SQLException {
        serviceUser();
        exec(admin(), "ALTER USER svc SET RSA_PUBLIC_KEY_2 = '" + publicKey(second) + "'");
        Map<String, String> desc = sandbox.executeAsAdmin("DESC USER svc").stream()
                .collect(Collectors.toMap(r -> r.get("property"), r -> r.get("value")));
        assertThat(desc.get("TYPE")).isEqualTo("SERVICE");
        assertThat(desc.get("HAS_PASSWORD")).isEqualTo("false");
        assertThat(desc.get("RSA_PUBLIC_KEY")).isEqualTo(publicKey(first));
        assertThat(desc.get("RSA_PUBLIC_KEY_FP")).isEqualTo(RsaPublicKey.fingerprint(first.getPublic().getEncoded()))
                .startsWith("SHA256:");
        assertThat(desc.get("RSA_PUBLIC_KEY_2_FP")).isEqualTo(RsaPublicKey.fingerprint(second.getPublic().getEncoded()));
        // Through the driver as well, as DESC USER's own user.
        try (Connection c = connectWithKey("svc", first)) {
            assertThat(column(c, "DESCRIBE USER svc", "property")).contains("RSA_PUBLIC_KEY_FP", "RSA_PUBLIC_KEY_2_FP");
        }
    }

    @Test
    void aKeyWithPemLinesOrNotAKeyIsRefusedAndChangesNothing() throws SQLException {
        serviceUser();
        Connection admin = admin();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + publicKey(second) + "\n-----END PUBLIC KEY-----";
        assertThatThrownBy(() -> exec(admin, "ALTER USER svc SET RSA_PUBLIC_KEY = '" + pem + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("RSA_PUBLIC_KEY");
        assertThatThrownBy(() -> exec(admin, "ALTER USER svc SET RSA_PUBLIC_KEY_2 = 'bm90IGEga2V5'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("RSA_PUBLIC_KEY_2");
        connectWithKey("svc", first).close();
    }

    @Test
    void onlyTheUsersOwnerMayAlterItsKeys() throws SQLException {
        serviceUser();
        sandbox.executeAsAdmin("CREATE ROLE OTHER");
        user("mallory", "pw", "OTHER");
        Connection mallory = connect("mallory", "pw");
        assertFails(mallory, "ALTER USER svc SET RSA_PUBLIC_KEY = '" + publicKey(second) + "'", 3001, "42501");
        assertFails(mallory, "ALTER USER ghost SET RSA_PUBLIC_KEY = '" + publicKey(second) + "'", 2003, "02000");
    }

    @Test
    void aKeyPairLoginLandsOnTheDefaultWarehouseAndAUserMaySetItsDefaultsButNotItsKeys() throws SQLException {
        serviceUser();
        sandbox.executeAsAdmin("CREATE WAREHOUSE LOAD_WH");
        sandbox.executeAsAdmin("CREATE WAREHOUSE OTHER_WH");
        sandbox.executeAsAdmin("GRANT USAGE ON WAREHOUSE LOAD_WH TO ROLE LOADER");
        sandbox.executeAsAdmin("GRANT USAGE ON WAREHOUSE OTHER_WH TO ROLE LOADER");
        sandbox.executeAsAdmin("ALTER USER svc SET DEFAULT_WAREHOUSE = LOAD_WH");
        try (Connection svc = connectWithKey("svc", first)) {
            assertThat(single(svc, "SELECT CURRENT_WAREHOUSE()")).isEqualTo("LOAD_WH");
            exec(svc, "ALTER USER svc SET DEFAULT_WAREHOUSE = OTHER_WH");
            assertFails(svc, "ALTER USER svc SET RSA_PUBLIC_KEY_2 = '" + publicKey(second) + "'", 3001, "42501");
        }
        Map<String, String> desc = sandbox.executeAsAdmin("DESC USER svc").stream()
                .collect(Collectors.toMap(r -> r.get("property"), r -> r.get("value")));
        assertThat(desc.get("DEFAULT_WAREHOUSE")).isEqualTo("OTHER_WH");
        assertThat(desc.get("RSA_PUBLIC_KEY_2")).isEqualTo("null");
        try (Connection svc = connectWithKey("svc", first)) {
            assertThat(single(svc, "SELECT CURRENT_WAREHOUSE()")).isEqualTo("OTHER_WH");
        }
    }

    /** The driver reads PKCS#8 PEM files, encrypted ones with private_key_pwd (SFSessionProperty names). */
    @Test
    void theDriverLogsInWithAPkcs8KeyFilePlainOrEncrypted(@TempDir Path dir) throws SQLException {
        serviceUser();
        Path plain = RsaKeyFiles.writePkcs8(first.getPrivate(), dir.resolve("plain.p8"));
        Path encrypted = RsaKeyFiles.writeEncryptedPkcs8(first.getPrivate(), dir.resolve("encrypted.p8"), "s3cret");
        try (Connection c = DriverManager.getConnection(sandbox.jdbcUrl(), keyFileProperties(plain, null))) {
            assertThat(single(c, "SELECT CURRENT_USER()")).isEqualTo("SVC");
        }
        try (Connection c = DriverManager.getConnection(sandbox.jdbcUrl(), keyFileProperties(encrypted, "s3cret"))) {
            assertThat(single(c, "SELECT CURRENT_USER()")).isEqualTo("SVC");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(sandbox.jdbcUrl(), keyFileProperties(encrypted, "wrong")))
                .isInstanceOf(SQLException.class);
    }

    static Properties keyFileProperties(Path file, String password) {
        Properties p = sandbox.connectionProperties("svc", "");
        p.remove("password");
        p.put("authenticator", "SNOWFLAKE_JWT");
        p.put("private_key_file", file.toString());
        if (password != null) {
            p.put("private_key_pwd", password);
        }
        return p;
    }

    @Test
    void keysSurviveARestartFromTheStateFile(@TempDir Path dir) throws SQLException {
        Path state = dir.resolve("state.json");
        try (SnowflakeSandbox persisted = SnowflakeSandbox.builder().accountName("TESTACCT").stateFile(state).build()
                .start()) {
            persisted.executeAsAdmin("CREATE USER svc TYPE = SERVICE RSA_PUBLIC_KEY = '" + publicKey(first) + "'");
        }
        assertThat(Files.exists(state)).isTrue();
        try (SnowflakeSandbox restarted = SnowflakeSandbox.builder().accountName("TESTACCT").stateFile(state).build()
                .start();
             Connection c = DriverManager.getConnection(restarted.jdbcUrl(),
                     restarted.keyPairConnectionProperties("svc", first.getPrivate()))) {
            assertThat(single(c, "SELECT CURRENT_USER()")).isEqualTo("SVC");
        }
    }
}
