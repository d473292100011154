package io.gatehouse.identity.scim;

import io.gatehouse.identity.domain.PatchOperation;
import io.gatehouse.identity.domain.ScimProblem;
import io.gatehouse.identity.persistence.ScimUser;
import io.gatehouse.identity.service.ScimJson;
import io.gatehouse.identity.service.ScimQueries;
import io.gatehouse.identity.service.ScimUsers;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * SCIM Users (RFC 7644 3.3-3.6). Authorised by the SCIM bearer token ({@link ScimBearer}), not by the platform's JWTs:
 * PermitAll here only tells Quarkus' role checks to stand aside.
 */
@Path(ScimHttp.BASE_PATH + "/Users")
@ScimBearer
@PermitAll
@Tag(name = "SCIM")
public class ScimUsersResource {

    private final ScimUsers users;
    private final ScimQueries queries;
    private final ScimHttp http;

    ScimUsersResource(ScimUsers users, ScimQueries queries, ScimHttp http) {
        this.users = users;
        this.queries = queries;
        this.http = http;
    }

    @POST
    @Operation(summary = "Create a user", description = "409 uniqueness when the userName, or the Snowflake login it "
            + "maps to, is taken; 400 invalidValue when the login is one Gatehouse cannot represent.")
    public Response create(byte[] body, @Context UriInfo uri) {
        ScimUser user = ScimHttp.write(() -> users.create(ScimJson.body(body)));
        return ScimHttp.created(view(user, uri), user.version, ScimHttp.base(uri) + "/Users/" + user.id);
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excluded, @Context UriInfo uri) {
        ScimUser user = queries.user(id).orElseThrow(() -> ScimProblem.notFound("No user " + id + "."));
        return ScimHttp.ok(ScimViews.project(view(user, uri), attributes, excluded), user.version);
    }

    @GET
    @Operation(summary = "List or search users", description = "filter: eq on id, userName, externalId, displayName, "
            + "active, joined by and; startIndex (1-based) and count page the result.")
    public Response list(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
            @QueryParam("count") String count, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excluded, @Context UriInfo uri) {
        ScimQueries.ListPage<ScimUser> page = queries.users(filter, http.startIndex(startIndex), http.count(count));
        return ScimHttp.ok(ScimViews.list(page.total(), page.startIndex(), page.resources().stream()
                .map(user -> ScimViews.project(view(user, uri), attributes, excluded)).toList()));
    }

    @PUT
    @Path("/{id}")
    public Response replace(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
            @Context UriInfo uri) {
        ScimUser user = ScimHttp.write(() -> users.replace(id, ScimJson.body(body), ifMatch));
        return ScimHttp.ok(view(user, uri), user.version);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Patch a user", description = "add, replace, remove in any case; {\"active\": false} (or "
            + "\"False\") makes the person leave every business.")
    public Response patch(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
            @Context UriInfo uri) {
        List<PatchOperation> operations = PatchOperation.parseRequest(ScimJson.body(body));
        ScimUser user = ScimHttp.write(() -> users.patch(id, operations, ifMatch));
        return ScimHttp.ok(view(user, uri), user.version);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        users.delete(id, ifMatch);
        return Response.noContent().build();
    }

    private com.fasterxml.jackson.databind.node.ObjectNode view(ScimUser user, UriInfo uri) {
        return ScimViews.user(user, queries.groupsOf(user.id), ScimHttp.base(uri));
    }

    /** SCIM bodies for every failure here, database outages as 503 (ScimProblemMapper). */
    @ServerExceptionMapper
    Response failure(RuntimeException e) {
        return ScimProblemMapper.answer(e);
    }
}
