package io.gatehouse.grant.it;

import io.gatehouse.snowflake.sandbox.RsaKeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * The key pair of the key-only service user {@value #USER}, made once per test JVM: the sandbox resource registers its
 * public key, {@link SnowflakeKeyPairResource} hands the service one of its private key files. Static, so neither
 * resource depends on the order the two start in.
 */
final class ServiceKeys {

    /** TYPE = SERVICE, no password, default role GATEHOUSE_ADMIN: it can log in with its key only. */
    static final String USER = "GATEHOUSE_KEY_SVC";
    static final String KEY_PASSWORD = "key-file-secret";
    static final KeyPair PAIR = RsaKeyFiles.generate();
    static final Path PLAIN_FILE;
    static final Path ENCRYPTED_FILE;

    static {
        try {
            Path dir = Files.createTempDirectory("gatehouse-keys");
            PLAIN_FILE = RsaKeyFiles.writePkcs8(PAIR.getPrivate(), dir.resolve("gatehouse.p8"));
            ENCRYPTED_FILE = RsaKeyFiles.writeEncryptedPkcs8(PAIR.getPrivate(), dir.resolve("gatehouse-encrypted.p8"),
                    KEY_PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServiceKeys() {
    }

    /** CREATE USER for the key-only service user, holding the service role like the password user. */
    static String[] provisioning(String serviceRole) {
        return new String[] {
            "CREATE USER " + USER + " TYPE = SERVICE RSA_PUBLIC_KEY = '" + RsaKeyFiles.publicKey(PAIR)
                    + "' DEFAULT_ROLE = " + serviceRole,
            "GRANT ROLE " + serviceRole + " TO USER " + USER};
    }
}
