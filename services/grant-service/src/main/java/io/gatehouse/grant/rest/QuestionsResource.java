package io.gatehouse.grant.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.events.EventCodec;
import io.gatehouse.events.EventType;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.InvalidEventException;
import io.gatehouse.grant.apply.AccessQueries;
import io.gatehouse.grant.apply.PlanPreview;
import io.gatehouse.grant.domain.Identifier;
import io.gatehouse.grant.domain.InvalidNameException;
import io.gatehouse.grant.domain.Statement;
import io.gatehouse.grant.domain.TableRef;
import io.gatehouse.rest.Problem;
import io.gatehouse.rest.ProblemException;
import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Questions operators ask: who reads what and why, and what an event would do. */
@Path("/")
@Tag(name = "questions", description = "Access questions and plan preview (ops)")
@RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class QuestionsResource {

    /** One event to preview: {@code type} is the event name (UserJoinedBusiness...) or its ce_type. */
    public record PlanEvent(@NotNull String type, @NotNull JsonNode data) {
    }

    public record PlanRequest(@NotEmpty List<PlanEvent> events) {
    }

    public record PlannedStatement(String role, String sql) {
    }

    private final AccessQueries access;
    private final PlanPreview preview;
    private final EventCodec codec = new EventCodec();

    QuestionsResource(AccessQueries access, PlanPreview preview) {
        this.access = access;
        this.preview = preview;
    }

    @GET
    @Path("users/{login}/access")
    @Operation(summary = "The roles, table groups and tables a user can read, each with its path through the hierarchy")
    public AccessQueries.UserAccess userAccess(@PathParam("login") String login) {
        try {
            return access.user(login).orElseThrow(() -> new ProblemException(
                    Problem.of(Response.Status.NOT_FOUND, "no user " + login + " known to Gatehouse")));
        } catch (InvalidNameException e) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, e.getMessage()));
        }
    }

    @GET
    @Path("tables/{table}/readers")
    @Operation(summary = "Who can read DB.SCHEMA.TABLE, each with the path through the hierarchy")
    public List<AccessQueries.Reader> readers(@PathParam("table") String table) {
        List<String> parts = Identifier.parseQualified(table);
        if (parts.size() != 3) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "expected DB.SCHEMA.TABLE, got " + table));
        }
        try {
            return access.readers(new TableRef(parts.get(0), parts.get(1), parts.get(2)));
        } catch (InvalidNameException e) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, e.getMessage()));
        }
    }

    @POST
    @Path("plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The statements an event (or a batch) would run, in order, without running them")
    public List<PlannedStatement> plan(@jakarta.validation.Valid @NotNull PlanRequest request) {
        List<GatehouseEvent> events = new ArrayList<>();
        for (PlanEvent e : request.events()) {
            EventType type = EventType.ofCeType(e.type()).or(() -> java.util.Arrays.stream(EventType.values())
                            .filter(t -> t.eventName().equals(e.type())).findFirst())
                    .orElseThrow(() -> new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "unknown event type " + e.type())));
            try {
                events.add(codec.fromJson(type, e.data().toString()));
            } catch (InvalidEventException ex) {
                throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, ex.getMessage()));
            }
        }
        try {
            List<Statement> plan = preview.preview(events);
            return plan.stream().map(s -> new PlannedStatement(s.role(), s.sql())).toList();
        } catch (InvalidNameException | IllegalArgumentException ex) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, ex.getMessage()));
        }
    }
}
