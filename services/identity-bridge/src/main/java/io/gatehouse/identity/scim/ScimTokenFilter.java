package io.gatehouse.identity.scim;

import io.gatehouse.identity.domain.ScimSchemas;
import io.gatehouse.identity.service.ScimJson;
import io.gatehouse.identity.service.ScimTokens;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * SCIM endpoints take a long-lived bearer token, as identity providers are configured (Okta's "HTTP Header", Entra
 * ID's "Secret Token"), not the platform's JWTs: a missing, unknown or revoked token is 401 with a SCIM error body.
 */
@Provider
@ScimBearer
@Priority(Priorities.AUTHENTICATION)
public class ScimTokenFilter implements ContainerRequestFilter {

    private static final String SCHEME = "bearer ";

    private final ScimTokens tokens;

    ScimTokenFilter(ScimTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            request.abortWith(refused("A SCIM request carries 'Authorization: Bearer <token>'."));
        } else if (!tokens.accepts(header.substring(SCHEME.length()).strip())) {
            request.abortWith(refused("The bearer token is not a live SCIM token."));
        }
    }

    private static Response refused(String detail) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gatehouse-scim\"")
                .type(ScimSchemas.MEDIA_TYPE)
                .entity(ScimJson.write(ScimViews.error(401, null, detail)))
                .build();
    }
}
