package io.gatehouse.snowflake.sandbox.login;

import io.gatehouse.snowflake.sandbox.SqlException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * An RSA public key as {@code ALTER USER ... SET RSA_PUBLIC_KEY = '...'} takes it: the base64 of the DER
 * SubjectPublicKeyInfo, without the PEM header and footer lines (line breaks inside are tolerated, as
 * Snowflake's docs paste keys across lines).
 */
public record RsaPublicKey(PublicKey key, String fingerprint) {

    /** Parses and checks a key value; an unusable value is refused when it is set, not at the next login. */
    public static RsaPublicKey parse(String property, String value) {
        String base64 = value.replaceAll("\\s", "");
        if (base64.startsWith("-----")) {
            throw invalid(property, "remove the -----BEGIN PUBLIC KEY----- and -----END PUBLIC KEY----- lines");
        }
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            return new RsaPublicKey(key, fingerprint(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw invalid(property, "not the base64 of an RSA public key in DER (SubjectPublicKeyInfo) form");
        }
    }

    /**
     * {@code SHA256:} + base64 of the SHA-256 of the DER: what DESC USER shows as RSA_PUBLIC_KEY_FP and what the
     * driver puts into the JWT issuer (SessionUtilKeyPair.calculatePublicKeyFingerprint).
     */
    public static String fingerprint(byte[] der) {
        try {
            return "SHA256:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SqlException invalid(String property, String why) {
        return SqlException.invalidPropertyValue(property, why);
    }
}
