package io.gatehouse.grant.rest;

import io.gatehouse.grant.apply.DesiredChanges;
import io.gatehouse.grant.domain.Identifier;
import io.gatehouse.grant.domain.InvalidNameException;
import io.gatehouse.grant.domain.SchemaRef;
import io.gatehouse.rest.Problem;
import io.gatehouse.rest.ProblemException;
import io.gatehouse.rest.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the platform team decides: table groups and their publication, shared schemas and members, direct grants. */
@Path("/")
@Tag(name = "admin", description = "Platform team decisions (platform-admin)")
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    public record TableGroupRequest(@NotNull List<String> businesses) {
    }

    public record SharedSchemaRequest(@NotNull List<String> members) {
    }

    /** The apply job the change queued: poll GET /audit?event=... for what it ran. */
    public record Accepted(String changeId, Set<String> roles) {
    }

    private final DesiredChanges changes;

    AdminResource(DesiredChanges changes) {
        this.changes = changes;
    }

    @PUT
    @Path("table-groups/{name}")
    @Operation(summary = "Declare a table group and the businesses it is published in (exactly these)")
    public Response putTableGroup(@PathParam("name") String name, @Valid @NotNull TableGroupRequest body) {
        return accepted("PutTableGroup", () -> changes.putTableGroup(name, body.businesses()));
    }

    @PUT
    @Path("shared-schemas/{schema}")
    @Operation(summary = "Declare a managed-access shared schema DB.SCHEMA and its members (exactly these)")
    public Response putSharedSchema(@PathParam("schema") String schema, @Valid @NotNull SharedSchemaRequest body) {
        SchemaRef ref = schema(schema);
        return accepted("PutSharedSchema", () -> changes.putSharedSchema(ref, body.members()));
    }

    @POST
    @Path("shared-schemas/{schema}/members/{login}")
    @Operation(summary = "Add a member to a shared schema")
    public Response addMember(@PathParam("schema") String schema, @PathParam("login") String login) {
        SchemaRef ref = schema(schema);
        return accepted("SharedSchemaMemberAdded", () -> changes.member(ref, login, true));
    }

    @DELETE
    @Path("shared-schemas/{schema}/members/{login}")
    @Operation(summary = "Remove a member from a shared schema")
    public Response removeMember(@PathParam("schema") String schema, @PathParam("login") String login) {
        SchemaRef ref = schema(schema);
        return accepted("SharedSchemaMemberRemoved", () -> changes.member(ref, login, false));
    }

    @PUT
    @Path("users/{login}/table-groups/{group}")
    @Operation(summary = "Grant a table group to one user directly")
    public Response grantDirect(@PathParam("login") String login, @PathParam("group") String group) {
        return accepted("DirectGrantAdded", () -> changes.direct(login, group, true));
    }

    @DELETE
    @Path("users/{login}/table-groups/{group}")
    @Operation(summary = "Take back a table group granted to one user directly")
    public Response revokeDirect(@PathParam("login") String login, @PathParam("group") String group) {
        return accepted("DirectGrantRemoved", () -> changes.direct(login, group, false));
    }

    private Response accepted(String type, Supplier<DesiredChanges.Change> change) {
        String id = UUID.randomUUID().toString();
        try {
            DesiredChanges.Change done = QuarkusTransaction.requiringNew().call(() -> {
                DesiredChanges.Change c = change.get();
                changes.enqueue(c, id, type);
                return c;
            });
            return Response.accepted(new Accepted(id, done.roles())).build();
        } catch (InvalidNameException | IllegalArgumentException e) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, e.getMessage()));
        }
    }

    static SchemaRef schema(String text) {
        List<String> parts = Identifier.parseQualified(text);
        if (parts.size() != 2) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "expected DB.SCHEMA, got " + text));
        }
        try {
            return new SchemaRef(parts.get(0), parts.get(1));
        } catch (InvalidNameException e) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, e.getMessage()));
        }
    }
}
