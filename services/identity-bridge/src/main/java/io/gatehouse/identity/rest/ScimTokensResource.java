package io.gatehouse.identity.rest;

import io.gatehouse.identity.persistence.ScimToken;
import io.gatehouse.identity.service.ScimTokens;
import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators make and revoke the identity providers' SCIM tokens here. */
@Path("/scim-tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Tag(name = "SCIM tokens")
public class ScimTokensResource {

    private final ScimTokens tokens;

    ScimTokensResource(ScimTokens tokens) {
        this.tokens = tokens;
    }

    public record NewToken(@NotBlank @Size(max = 100) String name) {
    }

    /** A token as listed: never the token itself. */
    public record TokenView(String id, String name, String createdBy, Instant createdAt, Instant lastUsedAt) {
        static TokenView of(ScimToken t) {
            return new TokenView(t.id, t.name, t.createdBy, t.createdAt, t.lastUsedAt);
        }
    }

    /** The answer to a new token: the only time the token is shown. */
    public record IssuedToken(String id, String name, String token, Instant createdAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a SCIM token", description = "201 with the token, shown this once (only its SHA-256 is "
            + "kept). 409 when two are live already: revoke the older one once the provider uses the new one.")
    public Response issue(@NotNull @Valid NewToken body, @Context SecurityContext security) {
        ScimTokens.Issued issued = tokens.issue(body.name().strip(), security.getUserPrincipal().getName());
        return Response.created(URI.create("/scim-tokens/" + issued.row().id))
                .entity(new IssuedToken(issued.row().id, issued.row().name, issued.token(), issued.row().createdAt)).build();
    }

    @GET
    @Operation(summary = "The live SCIM tokens, without the tokens")
    public List<TokenView> list() {
        return tokens.live().stream().map(TokenView::of).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a SCIM token", description = "Refused from the next request on. 404 for an unknown or revoked id.")
    public Response revoke(@PathParam("id") String id) {
        tokens.revoke(id);
        return Response.noContent().build();
    }
}
