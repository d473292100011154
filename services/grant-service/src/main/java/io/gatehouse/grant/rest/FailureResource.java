package io.gatehouse.grant.rest;

import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.JobStatus;
import io.gatehouse.grant.service.ParkedJobs;
import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Parked apply jobs (failed permanently or too often), jobs waiting for their user, and the operator's replay. */
@Path("/failures")
@Tag(name = "operations", description = "Audit, failures, drift")
@Produces(MediaType.APPLICATION_JSON)
public class FailureResource {

    /**
     * A parked or waiting job as operators see it; {@code key} orders the jobs of one user, table or decision;
     * {@code waitingSince} is when it found its user missing in Snowflake (null unless it waited for the user).
     */
    public record Job(long id, String key, String eventId, String eventType, String login, List<String> roles,
                      JobStatus status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
                      Instant updatedAt, Instant waitingSince) {

        static Job of(ApplyJob j) {
            return new Job(j.id, j.jobKey, j.eventId, j.eventType, j.login, List.copyOf(j.roles), j.status, j.attempts,
                    j.nextAttemptAt, j.lastError, j.createdAt, j.updatedAt, j.waitingSince);
        }
    }

    private final ParkedJobs parked;

    FailureResource(ParkedJobs parked) {
        this.parked = parked;
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
    @Operation(summary = "Parked apply jobs: failed permanently or too often, waiting for an operator",
            description = "Oldest first, pages of at most 1000 (limit, default 100); the next page: afterId = the last job's id.")
    public List<Job> failures(@QueryParam("afterId") @DefaultValue("0") @Min(0) long afterId,
                              @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return parked.list(afterId, limit).stream().map(Job::of).toList();
    }

    @GET
    @Path("waiting")
    @RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
    @Operation(summary = "Apply jobs waiting for their user to exist in Snowflake: login, since when, next try",
            description = "Oldest first, paged like /failures (afterId, limit).")
    public List<Job> waitingForUser(@QueryParam("afterId") @DefaultValue("0") @Min(0) long afterId,
                                    @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return parked.waitingForUser(afterId, limit).stream().map(Job::of).toList();
    }

    @POST
    @Path("{id}/replay")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Run a parked job again, or try a job waiting for its user now (from the current desired state)")
    public Response replay(@PathParam("id") long id) {
        parked.replay(id);
        return Response.accepted().build();
    }
}
