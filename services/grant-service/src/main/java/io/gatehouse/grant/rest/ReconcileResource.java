package io.gatehouse.grant.rest;

import io.gatehouse.grant.service.DriftService;
import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reconcile: drift fixed by running the statements that restore the desired state. */
@Path("/reconcile")
@Tag(name = "operations", description = "Audit, failures, drift")
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ReconcileResource {

    private final DriftService drift;

    ReconcileResource(DriftService drift) {
        this.drift = drift;
    }

    @POST
    @Operation(summary = "Publish DriftDetected and restore the desired state of drifted managed roles")
    public List<Drift> reconcile(@QueryParam("role") String role) throws SQLException {
        return drift.reconcile(Optional.ofNullable(role), true).stream().map(Drift::of).toList();
    }
}
