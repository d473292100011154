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

/** The onboarding-service's public API, as far as the console uses it. */
@Path("/onboarding-requests")
@Produces(MediaType.APPLICATION_JSON)
public interface OnboardingApi {

    record Owner(String name, String email) {
    }

    record Summary(String id, String state, String service, String groupId, String schemaName, Owner owner,
                   String tableGroup, Instant createdAt, Instant updatedAt) {
    }

    record Page(List<Summary> items, int page, int size, long total) {
    }

    record Card(String uri, Instant expiresAt) {
    }

    record Failure(String stage, String code, String reason) {
    }

    record TimelineItem(String eventId, String type, Instant time, String detail) {
    }

    record Request(String id, String state, String service, String groupId, String schemaName, Owner owner,
                   String tableGroup, List<String> businesses, String connectionId, String ownerLink, Card connectCard,
                   Failure failure, List<String> tables, List<TimelineItem> timeline, Instant createdAt,
                   Instant updatedAt) {
    }

    record Accepted(String id, String state, String location) {
    }

    @GET
    Page list(@HeaderParam("Authorization") String bearer, @QueryParam("state") String state,
              @QueryParam("owner") String owner, @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("{id}")
    Request get(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @POST
    @Path("{id}/connect-card")
    Accepted reissue(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);
}
