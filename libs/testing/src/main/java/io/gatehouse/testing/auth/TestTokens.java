package io.gatehouse.testing.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Bearer tokens signed with the development key ({@code gatehouse/dev-jwt/private-key.pem}), as an
 * identity provider would issue them for Gatehouse: issuer, audience, issued-at and a one-hour expiry.
 * Services verify them in the test profile and the local run. The refused kinds below differ from a
 * valid admin token in exactly one respect, so a test that sees 401 knows which check refused it.
 */
public final class TestTokens {

    public static final String ISSUER = "https://gatehouse.local/dev-idp";
    /** The audience the services expect in the test profile and the local run ({@code GATEHOUSE_JWT_AUDIENCE}). */
    public static final String AUDIENCE = "gatehouse";
    public static final String PUBLIC_KEY = "gatehouse/dev-jwt/public-key.pem";
    private static final String PRIVATE_KEY = "gatehouse/dev-jwt/private-key.pem";
    private static final Duration LIFETIME = Duration.ofHours(1);

    private TestTokens() {
    }

    public static String platformAdmin() {
        return token("platform-team@example.com", "platform-admin");
    }

    public static String ops() {
        return token("ops@example.com", "ops");
    }

    /** A valid token with no Gatehouse role: authenticated, but forbidden everywhere. */
    public static String noRole() {
        return token("someone@example.com");
    }

    public static String token(String subject, String... roles) {
        return claims(subject, roles).jws().sign(PRIVATE_KEY);
    }

    /** A token from another issuer: signature fine, issuer wrong, so it must be refused. */
    public static String foreignIssuer() {
        return admin().issuer("https://evil.example.com").jws().sign(PRIVATE_KEY);
    }

    /** A platform-admin token the same identity provider issued for another application: must be refused. */
    public static String otherAudience() {
        return admin().audience("another-application").jws().sign(PRIVATE_KEY);
    }

    /** A platform-admin token that expired an hour ago, well beyond any clock skew: must be refused. */
    public static String expired() {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        return admin().issuedAt(issued).expiresAt(issued.plus(LIFETIME)).jws().sign(PRIVATE_KEY);
    }

    /** A platform-admin token signed by a key nobody configured (made here, in memory): must be refused. */
    public static String signedByAnotherKey() {
        return admin().jws().sign(throwawayKey());
    }

    private static JwtClaimsBuilder admin() {
        return claims("platform-team@example.com", "platform-admin");
    }

    private static JwtClaimsBuilder claims(String subject, String... roles) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(roles))
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME));
    }

    private static PrivateKey throwawayKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    /**
     * Prints a token for the local run: {@code TestTokens platform-admin}. Its audience is the run's
     * {@code GATEHOUSE_JWT_AUDIENCE} (deploy/local/run.sh exports it), so the two cannot drift apart.
     */
    public static void main(String[] args) {
        String role = args.length > 0 ? args[0] : "platform-admin";
        String configured = System.getenv("GATEHOUSE_JWT_AUDIENCE");
        String audience = configured == null || configured.isBlank() ? AUDIENCE : configured;
        String subject = "local-" + role + "@example.com";
        System.out.println(claims(subject, role).audience(audience).jws().sign(PRIVATE_KEY));
    }
}
