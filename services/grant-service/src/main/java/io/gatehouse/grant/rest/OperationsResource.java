package io.gatehouse.grant.rest;

import io.gatehouse.grant.apply.DriftService;
import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.AuditLog;
import io.gatehouse.grant.persistence.JobQueue;
import io.gatehouse.rest.Problem;
import io.gatehouse.rest.ProblemException;
import io.gatehouse.rest.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Audit, parked failures and drift: what operators look at and act on. */
@Path("/")
@Tag(name = "operations", description = "Audit, failures, drift")
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {

    public record Drift(String role, List<String> missing, List<String> extra, List<String> notReconciled) {
    }

    private final AuditLog audit;
    private final JobQueue jobs;
    private final DriftService drift;

    OperationsResource(AuditLog audit, JobQueue jobs, DriftService drift) {
        this.audit = audit;
        this.jobs = jobs;
        this.drift = drift;
    }

    @GET
    @Path("audit")
    @RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
    @Operation(summary = "Statements run against Snowflake, newest first, filtered by user login, role or event id")
    public List<AuditLog.Entry> audit(@QueryParam("user") String user, @QueryParam("role") String role,
                                      @QueryParam("event") String event, @QueryParam("limit") @DefaultValue("200") @jakarta.validation.constraints.Min(1) int limit) {
        String login = user == null ? null : user.toUpperCase(java.util.Locale.ROOT);
        return QuarkusTransaction.requiringNew().call(() -> audit.find(login, role, event, Math.min(limit, 1000)));
    }

    @GET
    @Path("failures")
    @RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
    @Operation(summary = "Parked apply jobs: failed permanently or too often, waiting for an operator")
    public List<ApplyJob> failures() {
        return QuarkusTransaction.requiringNew().call(jobs::parked);
    }

    @POST
    @Path("failures/{id}/replay")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Run a parked job again (from the current desired state)")
    public Response replay(@PathParam("id") long id) {
        if (!QuarkusTransaction.requiringNew().call(() -> jobs.replay(id))) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "no parked job " + id));
        }
        return Response.accepted().build();
    }

    @GET
    @Path("drift")
    @RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
    @Operation(summary = "Managed roles whose actual grants (SHOW GRANTS) differ from the desired ones")
    public List<Drift> drift(@QueryParam("role") String role) throws SQLException {
        return drift.check(Optional.ofNullable(role)).stream().map(OperationsResource::view).toList();
    }

    @POST
    @Path("reconcile")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Publish DriftDetected and restore the desired state of drifted managed roles")
    public List<Drift> reconcile(@QueryParam("role") String role) throws SQLException {
        return drift.reconcile(Optional.ofNullable(role), true).stream().map(OperationsResource::view).toList();
    }

    private static Drift view(DriftService.RoleDrift d) {
        return new Drift(d.role(), d.missing(), d.extra(), d.notReconciled());
    }
}
