package io.gatehouse.grant.rest;

import io.gatehouse.grant.service.CatalogueQueries;
import io.gatehouse.grant.service.Decision;
import io.gatehouse.grant.service.PlatformDecisions;
import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Table groups, the businesses they are published in and their writers, as the platform team declares them; ops read
 * the list.
 */
@Path("/table-groups")
@Tag(name = "admin", description = "Platform team decisions (platform-admin)")
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TableGroupResource {

    public record TableGroupRequest(@NotNull List<String> businesses) {
    }

    public record WritersRequest(@NotNull List<String> logins) {
    }

    private final PlatformDecisions decisions;
    private final CatalogueQueries catalogue;
    private final DryRun dryRuns;

    TableGroupResource(PlatformDecisions decisions, CatalogueQueries catalogue, DryRun dryRuns) {
        this.decisions = decisions;
        this.catalogue = catalogue;
        this.dryRuns = dryRuns;
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN}) // reading: ops too; the class's admin-only stays on the changes
    @Tag(name = "questions", description = "Access questions and plan preview (ops)")
    @Operation(summary = "Every table group by name: its role, its tables, the businesses it is published in and its writers")
    public List<CatalogueQueries.TableGroup> list() {
        return catalogue.tableGroups();
    }

    @PUT
    @Path("{name}")
    @Operation(summary = "Declare a table group and the businesses it is published in (exactly these)")
    public Response put(@PathParam("name") String name,
                        @QueryParam("dryRun") @Parameter(description = DryRun.DESCRIPTION) boolean dryRun,
                        @Valid @NotNull TableGroupRequest body) {
        if (dryRun) {
            return dryRuns.of(Decision.putTableGroup(name, body.businesses()));
        }
        return accepted(decisions.putTableGroup(name, body.businesses()));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a table group: its read and write roles are revoked from every holder and dropped")
    public Response delete(@PathParam("name") String name) {
        return accepted(decisions.deleteTableGroup(name));
    }

    @PUT
    @Path("{name}/writers")
    @Operation(summary = "The users who write to the group's tables through its write role (exactly these; none drops it)")
    public Response putWriters(@PathParam("name") String name, @Valid @NotNull WritersRequest body) {
        return accepted(decisions.putWriters(name, body.logins()));
    }

    @POST
    @Path("{name}/writers/{login}")
    @Operation(summary = "Add a writer to a table group")
    public Response addWriter(@PathParam("name") String name, @PathParam("login") String login) {
        return accepted(decisions.addWriter(name, login));
    }

    @DELETE
    @Path("{name}/writers/{login}")
    @Operation(summary = "Remove a writer from a table group")
    public Response removeWriter(@PathParam("name") String name, @PathParam("login") String login) {
        return accepted(decisions.removeWriter(name, login));
    }

    private static Response accepted(PlatformDecisions.Queued queued) {
        return Response.accepted(Accepted.of(queued)).build();
    }
}
