package io.gatehouse.grant.rest;

import io.gatehouse.grant.service.PlatformDecisions;
import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Table groups and the businesses they are published in, as the platform team declares them. */
@Path("/table-groups")
@Tag(name = "admin", description = "Platform team decisions (platform-admin)")
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TableGroupResource {

    public record TableGroupRequest(@NotNull List<String> businesses) {
    }

    private final PlatformDecisions decisions;

    TableGroupResource(PlatformDecisions decisions) {
        this.decisions = decisions;
    }

    @PUT
    @Path("{name}")
    @Operation(summary = "Declare a table group and the businesses it is published in (exactly these)")
    public Response put(@PathParam("name") String name, @Valid @NotNull TableGroupRequest body) {
        return Response.accepted(Accepted.of(decisions.putTableGroup(name, body.businesses()))).build();
    }
}
