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
 * Businesses come from HR's events and the publications; the platform team sets a business's warehouse (what a
 * warehouse costs is theirs to decide: Gatehouse grants USAGE on an existing warehouse and never creates one) and may
 * retire a business. Ops read the list (GET), the changes stay the platform team's.
 */
@Path("/businesses")
@Tag(name = "admin", description = "Platform team decisions (platform-admin)")
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BusinessResource {

    public record WarehouseRequest(@NotNull String warehouse) {
    }

    private final PlatformDecisions decisions;
    private final CatalogueQueries catalogue;
    private final DryRun dryRuns;

    BusinessResource(PlatformDecisions decisions, CatalogueQueries catalogue, DryRun dryRuns) {
        this.decisions = decisions;
        this.catalogue = catalogue;
        this.dryRuns = dryRuns;
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN}) // reading: ops too; the class's admin-only stays on the changes
    @Tag(name = "questions", description = "Access questions and plan preview (ops)")
    @Operation(summary = "Every business by name: its public role, its own warehouse (null: none), its members and the "
            + "table groups published in it")
    public List<CatalogueQueries.Business> list() {
        return catalogue.businesses();
    }

    @PUT
    @Path("{business}/warehouse")
    @Operation(summary = "Set the business's warehouse: USAGE for its public role, its members' DEFAULT_WAREHOUSE")
    public Response putWarehouse(@PathParam("business") String business,
                                 @QueryParam("dryRun") @Parameter(description = DryRun.DESCRIPTION) boolean dryRun,
                                 @Valid @NotNull WarehouseRequest body) {
        if (dryRun) {
            return dryRuns.of(Decision.businessWarehouse(business, Optional.of(body.warehouse())));
        }
        return accepted(decisions.businessWarehouse(business, Optional.of(body.warehouse())));
    }

    @DELETE
    @Path("{business}/warehouse")
    @Operation(summary = "Remove the business's own warehouse (the configured default, if any, applies)")
    public Response deleteWarehouse(@PathParam("business") String business,
                                    @QueryParam("dryRun") @Parameter(description = DryRun.DESCRIPTION) boolean dryRun) {
        if (dryRun) {
            return dryRuns.of(Decision.businessWarehouse(business, Optional.empty()));
        }
        return accepted(decisions.businessWarehouse(business, Optional.empty()));
    }

    @DELETE
    @Path("{business}")
    @Operation(summary = "Retire a business: every membership ends, its publications go, its public role is dropped")
    public Response delete(@PathParam("business") String business) {
        return accepted(decisions.retireBusiness(business));
    }

    private static Response accepted(PlatformDecisions.Queued queued) {
        return Response.accepted(Accepted.of(queued)).build();
    }
}
