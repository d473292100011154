package io.gatehouse.grant.rest;

import io.gatehouse.grant.domain.SchemaRef;
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
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Managed-access shared schemas ({@code DB.SCHEMA}) and their members;
 * ops read the list, the platform team changes it.
 */
@Path("/shared-schemas")
@Tag(name = "admin", description = "Platform team decisions (platform-admin)")
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SharedSchemaResource {

    /** {@code warehouse}: the members' warehouse (USAGE granted to the schema's role); absent or null: none. */
    public record SharedSchemaRequest(@NotNull List<String> members, String warehouse) {
    }

    private final PlatformDecisions decisions;
    private final CatalogueQueries catalogue;
    private final DryRun dryRuns;

    SharedSchemaResource(PlatformDecisions decisions, CatalogueQueries catalogue, DryRun dryRuns) {
        this.decisions = decisions;
        this.catalogue = catalogue;
        this.dryRuns = dryRuns;
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN}) // reading: ops too; the class's admin-only stays on the changes
    @Tag(name = "questions", description = "Access questions and plan preview (ops)")
    @Operation(summary = "Every shared schema by name (DB.SCHEMA): its role and its members")
    public List<CatalogueQueries.SharedSchema> list() {
        return catalogue.sharedSchemas();
    }

    @PUT
    @Path("{schema}")
    @Operation(summary = "Declare a managed-access shared schema DB.SCHEMA, its members (exactly these) and its warehouse")
    public Response put(@PathParam("schema") String schema,
                        @QueryParam("dryRun") @Parameter(description = DryRun.DESCRIPTION) boolean dryRun,
                        @Valid @NotNull SharedSchemaRequest body) {
        SchemaRef ref = SchemaRef.parse(schema);
        if (dryRun) {
            return dryRuns.of(Decision.putSharedSchema(ref, body.members(), Optional.ofNullable(body.warehouse())));
        }
        return accepted(decisions.putSharedSchema(ref, body.members(), Optional.ofNullable(body.warehouse())));
    }

    @DELETE
    @Path("{schema}")
    @Operation(summary = "Delete a shared schema: its role is revoked from the members and dropped; the schema itself is "
            + "kept unless dropSchema=true and Gatehouse created it")
    public Response delete(@PathParam("schema") String schema, @QueryParam("dropSchema") boolean dropSchema) {
        return accepted(decisions.deleteSharedSchema(SchemaRef.parse(schema), dropSchema));
    }

    @POST
    @Path("{schema}/members/{login}")
    @Operation(summary = "Add a member to a shared schema")
    public Response addMember(@PathParam("schema") String schema, @PathParam("login") String login,
                              @QueryParam("dryRun") @Parameter(description = DryRun.DESCRIPTION) boolean dryRun) {
        SchemaRef ref = SchemaRef.parse(schema);
        if (dryRun) {
            return dryRuns.of(Decision.addMember(ref, login));
        }
        return accepted(decisions.addMember(ref, login));
    }

    @DELETE
    @Path("{schema}/members/{login}")
    @Operation(summary = "Remove a member from a shared schema")
    public Response removeMember(@PathParam("schema") String schema, @PathParam("login") String login,
                                 @QueryParam("dryRun") @Parameter(description = DryRun.DESCRIPTION) boolean dryRun) {
        SchemaRef ref = SchemaRef.parse(schema);
        if (dryRun) {
            return dryRuns.of(Decision.removeMember(ref, login));
        }
        return accepted(decisions.removeMember(ref, login));
    }

    private static Response accepted(PlatformDecisions.Queued queued) {
        return Response.accepted(Accepted.of(queued)).build();
    }
}
