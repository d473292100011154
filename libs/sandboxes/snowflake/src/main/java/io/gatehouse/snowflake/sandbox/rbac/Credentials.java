package io.gatehouse.snowflake.sandbox.rbac;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A user's login data: a salted SHA-256 of the password (never the password itself) and default role. */
public record Credentials(String salt, String passwordHash, String defaultRole) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static Credentials of(String password, String defaultRole) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        return new Credentials(saltHex, password == null ? null : hash(saltHex, password), defaultRole);
    }

    /** The same login data with another default role (ALTER USER ... SET / UNSET DEFAULT_ROLE). */
    public Credentials withDefaultRole(String role) {
        return new Credentials(salt, passwordHash, role);
    }

    public boolean matches(String password) {
        return passwordHash != null && password != null
                && MessageDigest.isEqual(passwordHash.getBytes(StandardCharsets.UTF_8),
                        hash(salt, password).getBytes(StandardCharsets.UTF_8));
    }

    private static String hash(String salt, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
