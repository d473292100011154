package io.gatehouse.fivetran.sandbox.card;

import io.gatehouse.fivetran.sandbox.connection.Connection;
import io.gatehouse.fivetran.sandbox.connection.ConnectionStore;
import io.gatehouse.fivetran.sandbox.http.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues Connect Card tokens and URIs. Like Fivetran's, a token is an HS256 JWT without an {@code exp} claim: the
 * one-day lifetime is enforced here, and issuing a new card for a connection makes its previous token invalid.
 */
public final class ConnectCardIssuer {
    public static final Duration LIFETIME = Duration.ofDays(1);

    private final ConnectionStore store;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final byte[] signingKey = new byte[32];

    public ConnectCardIssuer(ConnectionStore store, Clock clock, Supplier<String> baseUrl) {
        this.store = store;
        this.clock = clock;
        this.baseUrl = baseUrl;
        new SecureRandom().nextBytes(signingKey);
    }

    /** Replaces the connection's card with a new one for the given redirect. Caller holds the store monitor. */
    public void issue(Connection c, String redirectUri, boolean hideSetupGuide, boolean allFields) {
        Instant now = clock.instant();
        c.redirectUri = redirectUri;
        c.hideSetupGuide = hideSetupGuide;
        c.allFields = allFields;
        c.cardIssuedAt = now;
        c.cardToken = token(c, now);
        c.cardUri = baseUrl.get() + "/connect-card/setup?redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
                + "&auth=" + c.cardToken + (hideSetupGuide ? "&hide_setup_guide=true" : "");
    }

    /** The connection whose current, unexpired card carries this token. */
    public Optional<Connection> holderOf(String token) {
        if (token == null || token.isEmpty()) return Optional.empty();
        synchronized (store) {
            Instant now = clock.instant();
            return store.all().stream()
                    .filter(c -> token.equals(c.cardToken))
                    .filter(c -> now.isBefore(c.cardIssuedAt.plus(LIFETIME)))
                    .findFirst();
        }
    }

    private String token(Connection c, Instant now) {
        String header = b64("{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        var payload = Json.object();
        payload.putObject("d").put("connector", c.id).put("group", c.groupId).put("method", "PbfCard").put("login", true);
        payload.put("iat", now.getEpochSecond()).put("jti", UUID.randomUUID().toString());
        String body = b64(payload.toString().getBytes(StandardCharsets.UTF_8));
        return header + "." + body + "." + b64(hmac(header + "." + body));
    }

    private byte[] hmac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String b64(byte[] bytes) { return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); }
}
