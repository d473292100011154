package io.gatehouse.snowflake.sandbox.login;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.snowflake.sandbox.RsaKeyFiles;
import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.rbac.UserKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The claims the driver never gets wrong, checked with hand-made tokens: lifetime, expiry, subject, algorithm. */
class JwtLoginTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static KeyPair pair;
    static String fingerprint;

    @BeforeAll
    static void key() {
        pair = RsaKeyFiles.generate();
        fingerprint = RsaPublicKey.fingerprint(pair.getPublic().getEncoded());
    }

    static JwtLogin login() {
        UserKeys keys = UserKeys.NONE.withRsaPublicKey(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        return new JwtLogin("ACCT", "SVC", keys, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static String jwt(String alg, String sub, String iss, long iat, long exp) throws GeneralSecurityException {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"iat\":" + iat
                + ",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(pair.getPrivate());
        rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(rs256.sign());
    }

    static String valid(long iat, long exp) throws GeneralSecurityException {
        return jwt("RS256", "ACCT.SVC", "ACCT.SVC." + fingerprint, iat, exp);
    }

    static void assertRefused(String token) {
        assertThatThrownBy(() -> login().verify(token))
                .isInstanceOf(SqlException.class)
                .hasMessageStartingWith("JWT token is invalid. [")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((SqlException) e).code()).isEqualTo("390144"));
    }

    @Test
    void aTokenOfUpToOneHourIsAccepted() throws GeneralSecurityException {
        long now = NOW.getEpochSecond();
        assertThatCode(() -> login().verify(valid(now, now + 60))).doesNotThrowAnyException();
        assertThatCode(() -> login().verify(valid(now - 10, now + 3590))).doesNotThrowAnyException();
    }

    @Test
    void expiredLongerThanAnHourOrIssuedInTheFutureIsRefused() throws GeneralSecurityException {
        long now = NOW.getEpochSecond();
        assertRefused(valid(now - 120, now - 60));
        assertRefused(valid(now, now + 3601));
        assertRefused(valid(now + 600, now + 660));
    }

    /** The Node.js snowflake-sdk's claims: iat = Date.now(), exp = iat + 120000, both in milliseconds. */
    @Test
    void claimsInMillisecondsAreReadAsMillisecondsWithTheSameLimits() throws GeneralSecurityException {
        long now = NOW.toEpochMilli();
        assertThatCode(() -> login().verify(valid(now, now + 120_000))).doesNotThrowAnyException();
        assertRefused(valid(now - 120_000, now - 60_000));
        assertRefused(valid(now, now + 3_601_000));
        assertRefused(valid(now + 600_000, now + 660_000));
    }

    @Test
    void anotherSubjectAccountOrAlgorithmIsRefused() throws GeneralSecurityException {
        long now = NOW.getEpochSecond();
        assertRefused(jwt("RS256", "ACCT.OTHER", "ACCT.OTHER." + fingerprint, now, now + 60));
        assertRefused(jwt("RS256", "OTHERACCT.SVC", "OTHERACCT.SVC." + fingerprint, now, now + 60));
        assertRefused(jwt("RS256", "ACCT.SVC", "ACCT.SVC.SHA256:AAAA", now, now + 60));
        assertRefused(jwt("HS256", "ACCT.SVC", "ACCT.SVC." + fingerprint, now, now + 60));
        String good = valid(now, now + 60);
        assertRefused(good.substring(0, good.length() - 4) + "AAAA");
        assertRefused("not-a-jwt");
    }
}
