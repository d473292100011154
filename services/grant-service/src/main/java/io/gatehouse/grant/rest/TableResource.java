package io.gatehouse.grant.rest;

import io.gatehouse.grant.domain.TableRef;
import io.gatehouse.grant.service.AccessQueries;
import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Landed tables ({@code DB.SCHEMA.TABLE}) and who reads them. */
@Path("/tables")
@Tag(name = "questions", description = "Access questions and plan preview (ops)")
@RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class TableResource {

    private final AccessQueries access;

    TableResource(AccessQueries access) {
        this.access = access;
    }

    @GET
    @Path("{table}/readers")
    @Operation(summary = "Who can read DB.SCHEMA.TABLE, each with the path through the hierarchy")
    public List<AccessQueries.Reader> readers(@PathParam("table") String table) {
        return access.readers(TableRef.parse(table));
    }
}
