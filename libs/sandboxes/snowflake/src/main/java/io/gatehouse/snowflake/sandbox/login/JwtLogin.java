package io.gatehouse.snowflake.sandbox.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.rbac.UserKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Checks the JWT of a key-pair login as Snowflake does (docs: key-pair-auth, key-pair-auth-troubleshooting). The
 * driver (SessionUtilKeyPair.issueJwtToken) signs RS256 claims {@code iss = ACCOUNT.USER.SHA256:<fingerprint>},
 * {@code sub = ACCOUNT.USER}, {@code iat}, {@code exp = iat + 60 s}; Snowflake accepts a lifetime of at most one
 * hour. The Node.js snowflake-sdk sends iat and exp in milliseconds, which Snowflake accepts too (numericDate).
 * The fingerprint picks RSA_PUBLIC_KEY or RSA_PUBLIC_KEY_2, and the signature must verify with that key.
 *
 * <p>Every refusal is the one answer Snowflake gives a client, 390144 "JWT token is invalid. [id]": the cause is
 * only for an administrator (SYSTEM$GET_LOGIN_FAILURE_DETAILS), so here it goes to the log under the same id.
 */
final class JwtLogin {

    private static final Logger LOG = Logger.getLogger(JwtLogin.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_LIFETIME = Duration.ofHours(1);
    /** Tolerated clock difference between client and server for iat. */
    private static final Duration SKEW = Duration.ofMinutes(1);
    /** 10^11 seconds is in the year 5138: a NumericDate above it is milliseconds (see numericDate). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private final String account;
    private final String user;
    private final UserKeys keys;
    private final Clock clock;

    JwtLogin(String account, String user, UserKeys keys, Clock clock) {
        this.account = account;
        this.user = user;
        this.keys = keys;
        this.clock = clock;
    }

    void verify(String jwt) {
        if (user == null) {
            throw refused("no such user");
        }
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw refused("not a signed JWT (header.claims.signature)");
        }
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw refused("algorithm " + header.path("alg") + " is not RS256");
        }
        // The driver upper-cases account and user (and cuts a region off an account such as "xy12345.us-east-1";
        // sandbox account names have none).
        String subject = account.toUpperCase(Locale.ROOT) + "." + user.toUpperCase(Locale.ROOT);
        if (!subject.equals(claims.path("sub").asText())) {
            throw refused("sub " + claims.path("sub") + " is not " + subject);
        }
        String issuer = claims.path("iss").asText();
        if (!issuer.startsWith(subject + ".")) {
            throw refused("iss " + issuer + " does not name " + subject);
        }
        RsaPublicKey key = keyWithFingerprint(issuer.substring(subject.length() + 1));
        checkLifetime(claims);
        checkSignature(key, parts);
    }

    private RsaPublicKey keyWithFingerprint(String fingerprint) {
        for (String value : new String[] {keys.rsaPublicKey(), keys.rsaPublicKey2()}) {
            if (value != null) {
                RsaPublicKey key = RsaPublicKey.parse("RSA_PUBLIC_KEY", value);
                if (key.fingerprint().equals(fingerprint)) {
                    return key;
                }
            }
        }
        throw refused("fingerprint " + fingerprint + " matches neither RSA_PUBLIC_KEY nor RSA_PUBLIC_KEY_2");
    }

    private void checkLifetime(JsonNode claims) {
        if (!claims.path("iat").canConvertToLong() || !claims.path("exp").canConvertToLong()) {
            throw refused("iat or exp missing");
        }
        Instant iat = numericDate(claims.path("iat").asLong());
        Instant exp = numericDate(claims.path("exp").asLong());
        Instant now = clock.instant();
        if (iat.isAfter(now.plus(SKEW))) {
            throw refused("issued in the future: " + iat);
        }
        if (!exp.isAfter(now)) {
            throw refused("expired at " + exp);
        }
        if (Duration.between(iat, exp).compareTo(MAX_LIFETIME) > 0) {
            throw refused("lifetime " + Duration.between(iat, exp) + " exceeds one hour");
        }
    }

    /**
     * A JWT NumericDate is in seconds, and snowflake-jdbc sends seconds. The Node.js snowflake-sdk (auth_keypair.js,
     * up to 3.3.0 at least) sends {@code iat = Date.now()} and {@code exp = iat + 120000}, milliseconds, and its
     * key-pair logins work against Snowflake (its own test suite, testKeyPair.js, runs against a live account), so
     * Snowflake reads such values as milliseconds. A value above 10^11 cannot be meant as seconds (the year 5138).
     */
    static Instant numericDate(long value) {
        return value > MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }

    private void checkSignature(RsaPublicKey key, String[] parts) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key.key());
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw refused("signature does not verify with the key of that fingerprint");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw refused("signature unreadable: " + e.getMessage());
        }
    }

    private JsonNode decode(String part) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException | IllegalArgumentException e) {
            throw refused("not base64url JSON");
        }
    }

    private SqlException refused(String cause) {
        String id = UUID.randomUUID().toString();
        LOG.info(() -> "key-pair login of " + user + " refused [" + id + "]: " + cause);
        return new SqlException("390144", "08001", "JWT token is invalid. [" + id + "]");
    }
}
