package io.gatehouse.grant.rest;

import io.gatehouse.errors.NotFoundException;
import io.gatehouse.grant.service.AccessQueries;
import io.gatehouse.grant.service.Decision;
import io.gatehouse.grant.service.PlatformDecisions;
import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One user: what they can read and why, and the table groups granted to them directly. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final AccessQueries access;
    private final PlatformDecisions decisions;
    private final DryRun dryRuns;

    UserResource(AccessQueries access, PlatformDecisions decisions, DryRun dryRuns) {
        this.access = access;
        this.decisions = decisions;
        this.dryRuns = dryRuns;
    }

    @GET
    @Path("{login}/access")
    @RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
    @Tag(name = "questions", description = "Access questions and plan preview (ops)")
    @Operation(summary = "The roles, table groups and tables a user can read, each with its path through the hierarchy")
    public AccessQueries.UserAccess access(@PathParam("login") String login) {
        return access.user(login).orElseThrow(() -> new NotFoundException("no user " + login + " known to Gatehouse"));
    }

    @PUT
    @Path("{login}/table-groups/{group}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "admin", description = "Platform team decisions (platform-admin)")
    @Operation(summary = "Grant a table group to one user directly")
    public Response grantDirect(@PathParam("login") String login, @PathParam("group") String group,
                                @QueryParam("dryRun") @Parameter(description = DryRun.DESCRIPTION) boolean dryRun) {
        if (dryRun) {
            return dryRuns.of(Decision.grantDirect(login, group));
        }
        return Response.accepted(Accepted.of(decisions.grantDirect(login, group))).build();
    }

    @DELETE
    @Path("{login}/table-groups/{group}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "admin", description = "Platform team decisions (platform-admin)")
    @Operation(summary = "Take back a table group granted to one user directly")
    public Response revokeDirect(@PathParam("login") String login, @PathParam("group") String group,
                                 @QueryParam("dryRun") @Parameter(description = DryRun.DESCRIPTION) boolean dryRun) {
        if (dryRun) {
            return dryRuns.of(Decision.revokeDirect(login, group));
        }
        return Response.accepted(Accepted.of(decisions.revokeDirect(login, group))).build();
    }
}
