package io.gatehouse.grant.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.errors.InvalidInputException;
import io.gatehouse.events.EventCodec;
import io.gatehouse.events.EventType;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.InvalidEventException;
import io.gatehouse.grant.service.PlanPreview;
import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What events would run in Snowflake, without running them. */
@Path("/plan")
@Tag(name = "questions", description = "Access questions and plan preview (ops)")
@RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

    /** One event to preview: {@code type} is the event name (UserJoinedBusiness...) or its ce_type. */
    public record PlanEvent(@NotNull String type, @NotNull JsonNode data) {
    }

    public record PlanRequest(@NotEmpty List<PlanEvent> events) {
    }

    public record PlannedStatement(String role, String sql) {
    }

    private final PlanPreview preview;
    private final EventCodec codec = new EventCodec();

    PlanResource(PlanPreview preview) {
        this.preview = preview;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The statements an event (or a batch) would run, in order, without running them")
    public List<PlannedStatement> plan(@Valid @NotNull PlanRequest request) {
        List<GatehouseEvent> events = new ArrayList<>();
        for (PlanEvent e : request.events()) {
            events.add(event(e));
        }
        return preview.preview(events).stream().map(s -> new PlannedStatement(s.role(), s.sql())).toList();
    }

    private GatehouseEvent event(PlanEvent e) {
        EventType type = EventType.ofCeType(e.type())
                .or(() -> Arrays.stream(EventType.values()).filter(t -> t.eventName().equals(e.type())).findFirst())
                .orElseThrow(() -> invalid("unknown event type " + e.type()));
        try {
            return codec.fromJson(type, e.data().toString());
        } catch (InvalidEventException ex) {
            throw invalid(ex.getMessage());
        }
    }

    /** A 400 whose detail says it all (no per-field entries), as this endpoint has always answered. */
    private static InvalidInputException invalid(String detail) {
        return new InvalidInputException(detail, List.of());
    }
}
