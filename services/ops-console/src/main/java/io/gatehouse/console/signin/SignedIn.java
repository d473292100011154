package io.gatehouse.console.signin;

import io.gatehouse.console.config.ConsoleConfig;
import io.gatehouse.rest.Roles;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The person using the console and the token the console calls the services with: theirs, so each service's own role
 * checks decide (an {@code ops} person cannot replay a job through the console any more than with curl).
 */
@RequestScoped
@Named("signedIn")
public class SignedIn {

    private final SecurityIdentity identity;
    private final boolean dev;

    SignedIn(SecurityIdentity identity, ConsoleConfig config) {
        this.identity = identity;
        this.dev = config.devSignIn().enabled();
    }

    /** Signed in with the development sign-in (sign-out clears its cookie; else the identity provider signs out). */
    public boolean dev() {
        return dev;
    }

    public String name() {
        return identity.getPrincipal().getName();
    }

    public boolean admin() {
        return identity.hasRole(Roles.PLATFORM_ADMIN);
    }

    public String role() {
        return admin() ? Roles.PLATFORM_ADMIN : Roles.OPS;
    }

    /** The Authorization header for a call to a service. */
    public String bearer() {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token == null) {
            throw new IllegalStateException("signed in without an access token");
        }
        return "Bearer " + token.getToken();
    }
}
