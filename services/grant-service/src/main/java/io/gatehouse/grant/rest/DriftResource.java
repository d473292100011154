package io.gatehouse.grant.rest;

import io.gatehouse.grant.service.DriftService;
import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Drift: managed roles whose grants in Snowflake differ from the desired ones. Reading only. */
@Path("/drift")
@Tag(name = "operations", description = "Audit, failures, drift")
@RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class DriftResource {

    private final DriftService drift;

    DriftResource(DriftService drift) {
        this.drift = drift;
    }

    @GET
    @Operation(summary = "Managed roles whose actual grants (SHOW GRANTS) differ from the desired ones")
    public List<Drift> drift(@QueryParam("role") String role) throws SQLException {
        return drift.check(Optional.ofNullable(role)).stream().map(Drift::of).toList();
    }
}
