package io.gatehouse.console.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** What every service answers about its own pipeline (libs/messaging): backlog, lag, dead letters. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface OperationsApi {

    record Outbox(long pending, long parked, Double oldestPendingAgeSeconds) {
    }

    /** {@code lag} is null until the consumer's first fetch measured it. */
    record Consumer(String clientId, Double lag) {
    }

    record Queue(String name, String status, long count, Double oldestAgeSeconds) {
    }

    record Pipeline(String service, Outbox outbox, long deadLetters, List<Consumer> consumers, List<Queue> queues) {
    }

    record DeadLetter(long id, String consumer, String channel, String topic, int partition, long offset, String key,
                      String eventId, String type, String reason, Instant recordedAt, Instant replayedAt, int replays) {
    }

    @GET
    @Path("pipeline")
    Pipeline pipeline(@HeaderParam("Authorization") String bearer);

    @GET
    @Path("dead-letters")
    List<DeadLetter> deadLetters(@HeaderParam("Authorization") String bearer, @QueryParam("limit") int limit);

    @POST
    @Path("dead-letters/{id}/replay")
    void replay(@HeaderParam("Authorization") String bearer, @PathParam("id") long id);
}
