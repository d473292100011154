package io.gatehouse.console.signin;

import io.gatehouse.console.config.ConsoleConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens of the development sign-in: signed with the development key, so the services (which verify that key in the
 * local run and the tests) accept them exactly as they accept an identity provider's. The console keeps the token in
 * its session cookie and verifies it on every request, like any bearer token.
 */
@ApplicationScoped
public class DevTokens {

    private final ConsoleConfig.DevSignIn config;
    private PrivateKey privateKey;
    private DefaultJWTParser parser;

    DevTokens(ConsoleConfig config) {
        this.config = config.devSignIn();
    }

    /** Reads the keys; the console refuses to start with the dev sign-in on and a key missing. */
    void load() {
        String privateLocation = config.privateKey().orElseThrow(() -> missing("private-key"));
        String publicLocation = config.publicKey().orElseThrow(() -> missing("public-key"));
        try {
            privateKey = KeyUtils.decodePrivateKey(pem(privateLocation));
            PublicKey publicKey = KeyUtils.decodePublicKey(pem(publicLocation));
            JWTAuthContextInfo info = new JWTAuthContextInfo(publicKey, config.issuer());
            info.setExpectedAudience(Set.of(config.audience()));
            info.setClockSkew(30);
            parser = new DefaultJWTParser(info);
        } catch (IOException e) {
            throw new UncheckedIOException("the development sign-in cannot read its keys", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the development sign-in's keys are not PEM RSA keys", e);
        }
    }

    String sign(String name, Set<String> roles) {
        Instant now = Instant.now();
        return Jwt.issuer(config.issuer()).audience(config.audience()).subject(name).upn(name).groups(roles)
                .issuedAt(now).expiresAt(now.plus(config.lifetime())).jws().sign(privateKey);
    }

    JsonWebToken verify(String token) throws ParseException {
        return parser.parse(token);
    }

    /** The PEM text at a file path, or else in a classpath resource of that name. */
    private static String pem(String location) throws IOException {
        Path file = Path.of(location);
        if (Files.isRegularFile(file)) {
            return Files.readString(file);
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IOException("no file or classpath resource " + location);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static IllegalStateException missing(String key) {
        return new IllegalStateException("gatehouse.console.dev-sign-in." + key + " must be set when the development "
                + "sign-in is enabled");
    }
}
