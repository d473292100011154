package io.gatehouse.identity.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.identity.domain.Sha256;
import io.gatehouse.identity.persistence.IdentityBatch;
import io.gatehouse.identity.service.IdentityEvents;
import io.gatehouse.rest.Problem;
import io.gatehouse.rest.ProblemException;
import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** HR systems without SCIM post joins and leaves here. */
@Path("/identity-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "HR intake")
public class IdentityEventsResource {

    private final IdentityEvents events;
    private final ObjectMapper json;

    IdentityEventsResource(IdentityEvents events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    /** The answer: the batch and how many events it published (the first time). */
    public record Accepted(String batchId, int events) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.IDENTITY_WRITER})
    @Operation(summary = "Post a batch of joins and leaves", description = "202 when published (in the batch's order, "
            + "keyed by userId). The same batchId from the same caller again: the first answer, nothing published; with "
            + "a different body: 422. A login or business Gatehouse cannot represent: 400 naming the field.")
    public Response post(@NotNull @Valid IdentityEventBatch batch, @Context SecurityContext security) {
        String caller = security.getUserPrincipal().getName();
        String fingerprint = fingerprint(batch);
        Optional<IdentityBatch> first = events.taken(caller, batch.batchId());
        if (first.isPresent()) {
            return replay(first.get(), fingerprint);
        }
        events.check(batch);
        IdentityBatch taken;
        try {
            taken = events.publish(batch, caller, fingerprint);
        } catch (RuntimeException e) {
            // The same batch posted twice at once: the other one holds the id now, and its answer is the answer.
            return replay(events.taken(caller, batch.batchId()).orElseThrow(() -> e), fingerprint);
        }
        return Response.accepted(new Accepted(batch.batchId(), taken.events)).build();
    }

    private static Response replay(IdentityBatch first, String fingerprint) {
        if (!first.fingerprint.equals(fingerprint)) {
            throw new ProblemException(new Problem("about:blank", "Unprocessable Content", 422,
                    "Batch " + first.key.batchId + " was posted before with other events.", null, List.of()));
        }
        return Response.accepted(new Accepted(first.key.batchId, first.events)).build();
    }

    private String fingerprint(IdentityEventBatch batch) {
        try {
            return Sha256.hex(json.writeValueAsString(batch));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
