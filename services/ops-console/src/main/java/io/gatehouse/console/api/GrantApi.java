package io.gatehouse.console.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The grant-service's public API, as far as the console uses it (field names as the service answers them). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface GrantApi {

    record AccessPath(String table, String tableGroup, List<String> via) {
    }

    record UserAccess(String login, String userRole, List<String> roles, List<String> tableGroups,
                      List<String> sharedSchemas, List<AccessPath> tables) {
    }

    record Reader(String login, String userRole, List<String> via) {
    }

    record Business(String name, String publicRole, String warehouse, List<String> members, List<String> tableGroups) {
    }

    record TableGroup(String name, String role, List<String> tables, List<String> publishedIn, List<String> writers) {
    }

    record SharedSchema(String name, String role, String database, String schema, List<String> members) {
    }

    record Statement(String role, String sql) {
    }

    record DryRun(List<Statement> statements) {
    }

    record Accepted(String changeId, Set<String> roles) {
    }

    record Publication(List<String> businesses) {
    }

    record Job(long id, String key, String eventId, String eventType, String login, List<String> roles, String status,
               int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant updatedAt,
               Instant waitingSince) {
    }

    record Drift(String role, List<String> missing, List<String> extra, List<String> notReconciled) {
    }

    record Reconciling(String reconcileId, List<Drift> drifts) {
    }

    record AuditEntry(long id, Instant executedAt, Long jobId, String eventId, String eventType, String login,
                      String role, String statement, long durationMs, String outcome, String errorCode,
                      String errorMessage) {
    }

    @GET
    @Path("users/{login}/access")
    UserAccess access(@HeaderParam("Authorization") String bearer, @PathParam("login") String login);

    @GET
    @Path("tables/{table}/readers")
    List<Reader> readers(@HeaderParam("Authorization") String bearer, @PathParam("table") String table);

    @GET
    @Path("businesses")
    List<Business> businesses(@HeaderParam("Authorization") String bearer);

    @GET
    @Path("table-groups")
    List<TableGroup> tableGroups(@HeaderParam("Authorization") String bearer);

    @GET
    @Path("shared-schemas")
    List<SharedSchema> sharedSchemas(@HeaderParam("Authorization") String bearer);

    @PUT
    @Path("table-groups/{name}")
    DryRun previewPublication(@HeaderParam("Authorization") String bearer, @PathParam("name") String group,
                              @QueryParam("dryRun") boolean dryRun, Publication body);

    @PUT
    @Path("table-groups/{name}")
    Accepted publish(@HeaderParam("Authorization") String bearer, @PathParam("name") String group, Publication body);

    @POST
    @Path("shared-schemas/{schema}/members/{login}")
    DryRun previewAddMember(@HeaderParam("Authorization") String bearer, @PathParam("schema") String schema,
                            @PathParam("login") String login, @QueryParam("dryRun") boolean dryRun);

    @POST
    @Path("shared-schemas/{schema}/members/{login}")
    Accepted addMember(@HeaderParam("Authorization") String bearer, @PathParam("schema") String schema,
                       @PathParam("login") String login);

    @DELETE
    @Path("shared-schemas/{schema}/members/{login}")
    DryRun previewRemoveMember(@HeaderParam("Authorization") String bearer, @PathParam("schema") String schema,
                               @PathParam("login") String login, @QueryParam("dryRun") boolean dryRun);

    @DELETE
    @Path("shared-schemas/{schema}/members/{login}")
    Accepted removeMember(@HeaderParam("Authorization") String bearer, @PathParam("schema") String schema,
                          @PathParam("login") String login);

    @GET
    @Path("failures")
    List<Job> parked(@HeaderParam("Authorization") String bearer);

    @GET
    @Path("failures/waiting")
    List<Job> waiting(@HeaderParam("Authorization") String bearer);

    @POST
    @Path("failures/{id}/replay")
    void replay(@HeaderParam("Authorization") String bearer, @PathParam("id") long id);

    @GET
    @Path("drift")
    List<Drift> drift(@HeaderParam("Authorization") String bearer);

    @POST
    @Path("reconcile")
    Reconciling reconcile(@HeaderParam("Authorization") String bearer, @QueryParam("role") String role);

    @GET
    @Path("audit")
    List<AuditEntry> audit(@HeaderParam("Authorization") String bearer, @QueryParam("user") String user,
                           @QueryParam("role") String role, @QueryParam("event") String event,
                           @QueryParam("limit") int limit);
}
