package io.gatehouse.messaging.deadletter;

import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /dead-letters}: what this service's consumers dead-lettered; operators inspect and replay them. */
@Path("/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters")
public class DeadLetterResource {

    private static final int MAX_LIMIT = 500;

    /** A dead-lettered record as operators see it. */
    public record View(long id, String consumer, String channel, String topic, int partition, long offset, String key,
                       String eventId, String type, String reason, Instant recordedAt, Instant replayedAt, int replays,
                       Map<String, String> headers, String payload) {

        static View of(DeadLetter d) {
            return new View(d.id, d.consumer, d.channel, d.topic, d.partitionNo, d.recordOffset, d.recordKey, d.eventId,
                    d.ceType, d.reason, d.recordedAt, d.replayedAt, d.replays, d.headers, d.payload);
        }
    }

    private final DeadLetters deadLetters;

    DeadLetterResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
    @Operation(summary = "Dead-lettered records, newest first, of one consumer or all")
    public List<View> list(@QueryParam("consumer") String consumer, @QueryParam("limit") @DefaultValue("100") int limit) {
        return deadLetters.list(consumer, Math.max(1, Math.min(limit, MAX_LIMIT))).stream().map(View::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
    @Operation(summary = "One dead-lettered record with its headers and body")
    public View get(@PathParam("id") long id) {
        return View.of(deadLetters.get(id));
    }

    @POST
    @Path("{id}/replay")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Send the record again to the consumer that failed (applied at most once)")
    public View replay(@PathParam("id") long id) {
        return View.of(deadLetters.replay(id));
    }
}
