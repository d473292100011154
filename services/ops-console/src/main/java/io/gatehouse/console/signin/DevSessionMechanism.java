package io.gatehouse.console.signin;

import io.gatehouse.console.config.ConsoleConfig;
import io.quarkus.logging.Log;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The development sign-in's session: the signed token in an HttpOnly, SameSite=Strict cookie, verified on every
 * request. Without a valid cookie a page redirects to the sign-in form. Does nothing unless the dev flag is set, so in
 * production only the identity provider's sign-in (quarkus-oidc) authenticates anyone.
 */
@ApplicationScoped
public class DevSessionMechanism implements HttpAuthenticationMechanism {

    public static final String COOKIE = "gatehouse_dev_session";
    static final String SIGN_IN_PATH = "/sign-in/dev";

    private final boolean enabled;
    private final DevTokens tokens;

    DevSessionMechanism(ConsoleConfig config, DevTokens tokens) {
        this.enabled = config.devSignIn().enabled();
        this.tokens = tokens;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            tokens.load();
            Log.warn("development sign-in is ON: anyone who reaches the console can pick a name and roles. "
                    + "Local runs and tests only; production signs in through the identity provider (OIDC).");
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Cookie cookie = enabled ? context.request().getCookie(COOKIE) : null;
        if (cookie == null) {
            return Uni.createFrom().nullItem();
        }
        try {
            JsonWebToken jwt = tokens.verify(cookie.getValue());
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(jwt.getName()))
                    .addRoles(jwt.getGroups())
                    .addCredential(new AccessTokenCredential(cookie.getValue()))
                    .build());
        } catch (ParseException e) {
            // expired or forged: signed out, the challenge sends the browser to the form again
            return Uni.createFrom().nullItem();
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!enabled) {
            return Uni.createFrom().nullItem();
        }
        String then = URLEncoder.encode(context.request().uri(), StandardCharsets.UTF_8);
        return Uni.createFrom().item(new ChallengeData(302, "Location", SIGN_IN_PATH + "?then=" + then));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        // before quarkus-oidc's mechanism, which has nothing to do while the identity provider's sign-in is off
        return DEFAULT_PRIORITY + 100;
    }
}
