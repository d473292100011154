package io.gatehouse.grant.rest;

import io.gatehouse.grant.service.DriftService;
import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reconcile: drift fixed by apply jobs that restore the desired state of the drifted roles. */
@Path("/reconcile")
@Tag(name = "operations", description = "Audit, failures, drift")
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ReconcileResource {

    private final DriftService drift;

    ReconcileResource(DriftService drift) {
        this.drift = drift;
    }

    /** The 202 body: the drift found, and the id the queued reconcile jobs carry (GET /audit?event=...). */
    public record Reconciling(String reconcileId, List<Drift> drifts) {
    }

    @POST
    @Operation(summary = "Publish DriftDetected and queue a reconcile job per drifted managed role",
            description = "Each job plans its fix when it runs, with the role locked, against the facts and Snowflake's "
                    + "grants of that moment.")
    public Response reconcile(@QueryParam("role") String role) throws SQLException {
        DriftService.Reconciling r = drift.reconcile(Optional.ofNullable(role), true);
        return Response.accepted(new Reconciling(r.reconcileId(), r.drifts().stream().map(Drift::of).toList())).build();
    }
}
