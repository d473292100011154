package io.gatehouse.webhook.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of one webhook delivery. Fivetran sends no delivery id, but a retry re-sends the same bytes
 * (the signature covers them), so the SHA-256 of the raw body names a delivery; two different events
 * differ at least in {@code created}.
 */
public final class DeliveryKey {

    private DeliveryKey() {
    }

    public static String of(byte[] rawBody) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rawBody));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
