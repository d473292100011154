package io.gatehouse.connectcard;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed, expiring {@code state} Gatehouse puts into a Connect Card's {@code redirect_uri}. Fivetran
 * documents no parameter it appends on the way back, so this is how the return URL knows which
 * onboarding request the browser belongs to, and that nobody made the link up.
 *
 * <p>Format: {@code v1.<requestId>.<expiry epoch seconds>.<base64url HMAC-SHA256 of "v1.<requestId>.<expiry>">}.
 * The key is configuration shared by connector-service (signs) and webhook-receiver (verifies); it is
 * never in an event.
 */
public final class RedirectState {

    /** The redirect state's prefix; part of the MAC, so a state for one purpose never verifies for the other. */
    private static final String VERSION = "v1";
    /** The owner link's prefix (see {@link #signOwnerLink}). */
    private static final String OWNER_LINK = "o1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;
    /** Request ids are UUIDs; anything else in that slot is refused before a MAC is computed. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final SecretKeySpec key;
    private final Clock clock;

    public RedirectState(String secret, Clock clock) {
        byte[] bytes = Objects.requireNonNull(secret, "state key").getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the redirect state key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(bytes, ALGORITHM);
        this.clock = clock;
    }

    public RedirectState(String secret) {
        this(secret, Clock.systemUTC());
    }

    /** A state for {@code requestId} that stops working after {@code ttl}. */
    public String sign(String requestId, Duration ttl) {
        return sign(VERSION, requestId, ttl);
    }

    /** The request id a state binds, or why it is refused. Never throws for bad input. */
    public Verdict verify(String state) {
        return verify(VERSION, state);
    }

    /**
     * A token for the link handed to the data source owner: Gatehouse's own URL, which sends the browser on to the
     * request's current Connect Card and has a fresh one issued when the last has expired. Signed with the same key
     * but a different prefix, so it cannot be used as a redirect state, nor a redirect state as an owner link.
     */
    public String signOwnerLink(String requestId, Duration ttl) {
        return sign(OWNER_LINK, requestId, ttl);
    }

    /** The request id an owner-link token binds, or why it is refused. Never throws for bad input. */
    public Verdict verifyOwnerLink(String token) {
        return verify(OWNER_LINK, token);
    }

    private String sign(String version, String requestId, Duration ttl) {
        if (!REQUEST_ID.matcher(requestId).matches()) {
            throw new IllegalArgumentException("request id cannot be carried in a state");
        }
        String payload = version + "." + requestId + "." + clock.instant().plus(ttl).getEpochSecond();
        return payload + "." + mac(payload);
    }

    private Verdict verify(String version, String state) {
        if (state == null || state.length() > 512) {
            return Verdict.refused(Reason.MALFORMED);
        }
        String[] parts = state.split("\\.", -1);
        if (parts.length != 4 || !version.equals(parts[0]) || !REQUEST_ID.matcher(parts[1]).matches()) {
            return Verdict.refused(Reason.MALFORMED);
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] expected = mac(payload).getBytes(StandardCharsets.US_ASCII);
        byte[] given = parts[3].getBytes(StandardCharsets.US_ASCII);
        // constant time: a forger learns nothing from how long the comparison took
        if (!MessageDigest.isEqual(expected, given)) {
            return Verdict.refused(Reason.FORGED);
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Verdict.refused(Reason.MALFORMED);
        }
        if (!clock.instant().isBefore(Instant.ofEpochSecond(expiry))) {
            return Verdict.refused(Reason.EXPIRED);
        }
        return new Verdict(parts[1], null);
    }

    private String mac(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Why a state was refused. */
    public enum Reason {
        MALFORMED,
        FORGED,
        EXPIRED
    }

    /** Either the bound request id, or the reason it was refused. */
    public record Verdict(String requestId, Reason refusal) {

        static Verdict refused(Reason reason) {
            return new Verdict(null, reason);
        }

        public boolean valid() {
            return refusal == null;
        }
    }
}
