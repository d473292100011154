package io.gatehouse.fivetran.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** Fivetran's only API scheme: {@code Authorization: Basic base64(api_key:api_secret)}. */
public final class BasicAuth {
    private final byte[] expected;

    public BasicAuth(String apiKey, String apiSecret) {
        this.expected = (apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8);
    }

    public boolean accepts(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return false;
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        // Constant-time compare, as a real server must.
        return MessageDigest.isEqual(expected, given);
    }
}
