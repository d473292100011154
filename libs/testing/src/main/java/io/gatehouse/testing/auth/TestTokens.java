package io.gatehouse.testing.auth;

import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.util.Set;

/**
 * Bearer tokens signed with the development key ({@code gatehouse/dev-jwt/private-key.pem}), as an
 * identity provider would issue them. Services verify them in the test profile and the local run.
 */
public final class TestTokens {

    public static final String ISSUER = "https://gatehouse.local/dev-idp";
    public static final String PUBLIC_KEY = "gatehouse/dev-jwt/public-key.pem";
    private static final String PRIVATE_KEY = "gatehouse/dev-jwt/private-key.pem";

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
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(roles))
                .expiresIn(Duration.ofHours(1))
                .jws()
                .sign(PRIVATE_KEY);
    }

    /** A token from another issuer: signature fine, issuer wrong, so it must be refused. */
    public static String foreignIssuer() {
        return Jwt.issuer("https://evil.example.com").subject("x").groups(Set.of("platform-admin"))
                .expiresIn(Duration.ofHours(1)).jws().sign(PRIVATE_KEY);
    }

    /** Prints a token for the local run: {@code MintToken platform-admin}. */
    public static void main(String[] args) {
        String role = args.length > 0 ? args[0] : "platform-admin";
        System.out.println(token("local-" + role + "@example.com", role));
    }
}
