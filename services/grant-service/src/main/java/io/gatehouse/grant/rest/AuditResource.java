package io.gatehouse.grant.rest;

import io.gatehouse.grant.persistence.AuditEntry;
import io.gatehouse.grant.persistence.AuditOutcome;
import io.gatehouse.grant.service.AuditHistory;
import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log: every statement run against Snowflake, with its cause and outcome. */
@Path("/audit")
@Tag(name = "operations", description = "Audit, failures, drift")
@RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record Entry(long id, Instant executedAt, Long jobId, String eventId, String eventType, String login,
                        String role, String statement, long durationMs, AuditOutcome outcome, String errorCode,
                        String errorMessage) {

        static Entry of(AuditEntry e) {
            return new Entry(e.id, e.executedAt, e.jobId, e.eventId, e.eventType, e.login, e.roleName, e.statement,
                    e.durationMs, e.outcome, e.errorCode, e.errorMessage);
        }
    }

    private final AuditHistory history;

    AuditResource(AuditHistory history) {
        this.history = history;
    }

    @GET
    @Operation(summary = "Statements run against Snowflake, newest first, filtered by user login, role or event id",
            description = "Pages of at most 1000 (limit); the next, older page: beforeId = the last entry's id.")
    public List<Entry> audit(@QueryParam("user") String user, @QueryParam("role") String role,
                             @QueryParam("event") String event, @QueryParam("beforeId") @Min(1) Long beforeId,
                             @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(1000) int limit) {
        return history.find(user, role, event, beforeId, limit).stream().map(Entry::of).toList();
    }
}
