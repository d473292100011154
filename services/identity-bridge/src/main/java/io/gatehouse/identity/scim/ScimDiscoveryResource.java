package io.gatehouse.identity.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.config.IdentityConfig;
import io.gatehouse.identity.domain.ScimProblem;
import io.gatehouse.identity.domain.ScimSchemas;
import io.gatehouse.identity.service.ScimJson;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * SCIM discovery (RFC 7644 4): what this service provider supports, its resource types and their schemas. The
 * schemas are the subset of RFC 7643's User and Group this service stores and serves (other attributes a provider
 * sends are kept as sent).
 */
@Path(ScimHttp.BASE_PATH)
@ScimBearer
@PermitAll
@Tag(name = "SCIM")
public class ScimDiscoveryResource {

    private static final List<String> SCHEMAS = List.of(ScimSchemas.USER, ScimSchemas.GROUP);

    private final IdentityConfig config;

    ScimDiscoveryResource(IdentityConfig config) {
        this.config = config;
    }

    @GET
    @Path("/ServiceProviderConfig")
    public Response serviceProviderConfig(@Context UriInfo uri) {
        ObjectNode body = ScimJson.object();
        body.putArray("schemas").add(ScimSchemas.SERVICE_PROVIDER_CONFIG);
        body.putObject("patch").put("supported", true);
        body.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        body.putObject("filter").put("supported", true).put("maxResults", config.scim().maxResults());
        body.putObject("changePassword").put("supported", false);
        body.putObject("sort").put("supported", false);
        body.putObject("etag").put("supported", true);
        body.putArray("authenticationSchemes").addObject()
                .put("type", "oauthbearertoken")
                .put("name", "Bearer token")
                .put("description", "A long-lived token made by an operator with POST /scim-tokens; two can be live "
                        + "at once for rotation.")
                .put("primary", true);
        body.putObject("meta").put("resourceType", "ServiceProviderConfig")
                .put("location", ScimHttp.base(uri) + "/ServiceProviderConfig");
        return ScimHttp.ok(body);
    }

    @GET
    @Path("/ResourceTypes")
    public Response resourceTypes(@Context UriInfo uri) {
        List<ObjectNode> types = List.of(resourceTypeOf("User", uri), resourceTypeOf("Group", uri));
        return ScimHttp.ok(ScimViews.list(types.size(), 1, types));
    }

    @GET
    @Path("/ResourceTypes/{name}")
    public Response resourceType(@PathParam("name") String name, @Context UriInfo uri) {
        if (!name.equals("User") && !name.equals("Group")) {
            throw ScimProblem.notFound("No resource type " + name + ": this service serves User and Group.");
        }
        return ScimHttp.ok(resourceTypeOf(name, uri));
    }

    @GET
    @Path("/Schemas")
    public Response schemas(@Context UriInfo uri) {
        List<ObjectNode> schemas = SCHEMAS.stream().map(id -> schemaOf(id, uri)).toList();
        return ScimHttp.ok(ScimViews.list(schemas.size(), 1, schemas));
    }

    @GET
    @Path("/Schemas/{id}")
    public Response schema(@PathParam("id") String id, @Context UriInfo uri) {
        if (!SCHEMAS.contains(id)) {
            throw ScimProblem.notFound("No schema " + id + ".");
        }
        return ScimHttp.ok(schemaOf(id, uri));
    }

    private static ObjectNode resourceTypeOf(String name, UriInfo uri) {
        ObjectNode type = ScimJson.object();
        type.putArray("schemas").add(ScimSchemas.RESOURCE_TYPE);
        type.put("id", name);
        type.put("name", name);
        type.put("endpoint", "/" + name + "s");
        type.put("schema", name.equals("User") ? ScimSchemas.USER : ScimSchemas.GROUP);
        if (name.equals("User")) {
            ArrayNode extensions = type.putArray("schemaExtensions");
            extensions.addObject().put("schema", ScimSchemas.ENTERPRISE_USER).put("required", false);
        }
        type.putObject("meta").put("resourceType", "ResourceType")
                .put("location", ScimHttp.base(uri) + "/ResourceTypes/" + name);
        return type;
    }

    private static ObjectNode schemaOf(String id, UriInfo uri) {
        String file = id.equals(ScimSchemas.USER) ? "User.json" : "Group.json";
        try (InputStream in = ScimDiscoveryResource.class.getResourceAsStream("/scim/schemas/" + file)) {
            ObjectNode schema = ScimJson.body(in.readAllBytes());
            schema.putObject("meta").put("resourceType", "Schema").put("location", ScimHttp.base(uri) + "/Schemas/" + id);
            return schema;
        } catch (IOException e) {
            throw new IllegalStateException("the schema " + file + " is missing from the build", e);
        }
    }

    /** SCIM bodies for every failure here, database outages as 503 (ScimProblemMapper). */
    @ServerExceptionMapper
    Response failure(RuntimeException e) {
        return ScimProblemMapper.answer(e);
    }
}
