package io.gatehouse.identity.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.domain.PatchOperation;
import io.gatehouse.identity.domain.ScimProblem;
import io.gatehouse.identity.persistence.ScimGroup;
import io.gatehouse.identity.service.ScimGroups;
import io.gatehouse.identity.service.ScimJson;
import io.gatehouse.identity.service.ScimQueries;
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

/** SCIM Groups (RFC 7644 3.3-3.6); a group named as a business drives that business's membership. */
@Path(ScimHttp.BASE_PATH + "/Groups")
@ScimBearer
@PermitAll
@Tag(name = "SCIM")
public class ScimGroupsResource {

    private final ScimGroups groups;
    private final ScimQueries queries;
    private final ScimHttp http;

    ScimGroupsResource(ScimGroups groups, ScimQueries queries, ScimHttp http) {
        this.groups = groups;
        this.queries = queries;
        this.http = http;
    }

    @POST
    @Operation(summary = "Create a group", description = "A displayName with the business prefix (default biz-) or on "
            + "the configured list is a business: its members join it. 400 invalidValue for an unknown member.")
    public Response create(byte[] body, @Context UriInfo uri) {
        ScimGroup group = ScimHttp.write(() -> groups.create(ScimJson.body(body)));
        return ScimHttp.created(view(group, uri), group.version, ScimHttp.base(uri) + "/Groups/" + group.id);
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excluded, @Context UriInfo uri) {
        ScimGroup group = queries.group(id).orElseThrow(() -> ScimProblem.notFound("No group " + id + "."));
        return ScimHttp.ok(ScimViews.project(view(group, uri), attributes, excluded), group.version);
    }

    @GET
    @Operation(summary = "List or search groups", description = "filter: eq on id, displayName, externalId, members "
            + "(members[value eq \"id\"]), joined by and; startIndex and count page the result.")
    public Response list(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
            @QueryParam("count") String count, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excluded, @Context UriInfo uri) {
        ScimQueries.ListPage<ScimGroup> page = queries.groups(filter, http.startIndex(startIndex), http.count(count));
        boolean withMembers = excluded == null || !excluded.toLowerCase(java.util.Locale.ROOT).contains("members");
        return ScimHttp.ok(ScimViews.list(page.total(), page.startIndex(), page.resources().stream()
                .map(group -> ScimViews.project(withMembers ? view(group, uri) : bare(group, uri), attributes, excluded))
                .toList()));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a group, members included")
    public Response replace(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
            @Context UriInfo uri) {
        ScimGroup group = ScimHttp.write(() -> groups.replace(id, ScimJson.body(body), ifMatch));
        return ScimHttp.ok(view(group, uri), group.version);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Patch a group", description = "members added with path members and a value list; removed "
            + "by a value list or by members[value eq \"id\"]; displayName replaced. A repeated add changes nothing.")
    public Response patch(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
            @Context UriInfo uri) {
        List<PatchOperation> operations = PatchOperation.parseRequest(ScimJson.body(body));
        ScimGroup group = ScimHttp.write(() -> groups.patch(id, operations, ifMatch));
        return ScimHttp.ok(view(group, uri), group.version);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        groups.delete(id, ifMatch);
        return Response.noContent().build();
    }

    private ObjectNode view(ScimGroup group, UriInfo uri) {
        List<String> members = queries.members(group.id);
        return ScimViews.group(group, members, queries.userNames(members), ScimHttp.base(uri));
    }

    /** Without members, not even read: a group of 50,000 people listed for its name only. */
    private static ObjectNode bare(ScimGroup group, UriInfo uri) {
        return ScimViews.group(group, List.of(), java.util.Map.of(), ScimHttp.base(uri));
    }

    /** SCIM bodies for every failure here, database outages as 503 (ScimProblemMapper). */
    @ServerExceptionMapper
    Response failure(RuntimeException e) {
        return ScimProblemMapper.answer(e);
    }
}
