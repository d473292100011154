package io.gatehouse.fivetran.client;

import io.gatehouse.fivetran.client.error.FivetranErrorMapper;
import io.gatehouse.fivetran.client.model.ConnectCardRequest;
import io.gatehouse.fivetran.client.model.ConnectCardResult;
import io.gatehouse.fivetran.client.model.Connection;
import io.gatehouse.fivetran.client.model.ConnectionPage;
import io.gatehouse.fivetran.client.model.CreateConnection;
import io.gatehouse.fivetran.client.model.CreateWebhook;
import io.gatehouse.fivetran.client.model.Envelope;
import io.gatehouse.fivetran.client.model.SchemaConfig;
import io.gatehouse.fivetran.client.model.SyncRequest;
import io.gatehouse.fivetran.client.model.UpdateConnection;
import io.gatehouse.fivetran.client.model.Webhook;
import io.gatehouse.fivetran.client.model.WebhookPage;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The Fivetran REST endpoints Gatehouse uses, on their current {@code /v1/connections} names ({@code /v1/connectors}
 * is the older name of the same resources). Non-2xx answers become {@code FivetranException}s.
 * Use {@link FivetranClient} rather than this interface: it adds retries and unwraps the envelope.
 */
@Path("/v1")
@RegisterRestClient(configKey = "fivetran")
@RegisterProvider(FivetranErrorMapper.class)
@RegisterClientHeaders(FivetranHeaders.class)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface FivetranApi {

    @POST
    @Path("/connections")
    Envelope<Connection> createConnection(CreateConnection request);

    @GET
    @Path("/connections/{id}")
    Envelope<Connection> connection(@PathParam("id") String id);

    @PATCH
    @Path("/connections/{id}")
    Envelope<Connection> updateConnection(@PathParam("id") String id, UpdateConnection request);

    @POST
    @Path("/connections/{id}/connect-card")
    Envelope<ConnectCardResult> connectCard(@PathParam("id") String id, ConnectCardRequest request);

    @POST
    @Path("/connections/{id}/sync")
    Envelope<JsonNode> sync(@PathParam("id") String id, SyncRequest request);

    @GET
    @Path("/connections/{id}/schemas")
    Envelope<SchemaConfig> schemaConfig(@PathParam("id") String id);

    @GET
    @Path("/groups/{groupId}/connections")
    Envelope<ConnectionPage> groupConnections(@PathParam("groupId") String groupId, @QueryParam("schema") String schema,
                                              @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);

    @POST
    @Path("/webhooks/group/{groupId}")
    Envelope<Webhook> createGroupWebhook(@PathParam("groupId") String groupId, CreateWebhook request);

    @GET
    @Path("/webhooks")
    Envelope<WebhookPage> webhooks(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);
}
