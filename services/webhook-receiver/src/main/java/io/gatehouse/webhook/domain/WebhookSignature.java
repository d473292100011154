package io.gatehouse.webhook.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fivetran's {@code X-Fivetran-Signature-256}: hex HMAC-SHA256 of the raw request body keyed with the
 * webhook secret. The evidence on Fivetran's hex case conflicts, so case is ignored; the comparison is
 * constant-time so a forger learns nothing from timing.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Fivetran-Signature-256";
    private static final String ALGORITHM = "HmacSHA256";
    /** 32 bytes as hex. */
    private static final int HEX_LENGTH = 64;

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        Objects.requireNonNull(secret, "webhook secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("the Fivetran webhook secret must not be blank");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** Lower-case hex signature of {@code body}. */
    public String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Whether {@code header} is the signature of exactly these bytes. Null or malformed headers are false. */
    public boolean matches(byte[] body, String header) {
        if (header == null) {
            return false;
        }
        String given = header.trim().toLowerCase(Locale.ROOT);
        if (given.length() != HEX_LENGTH) {
            return false;
        }
        return MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }
}
