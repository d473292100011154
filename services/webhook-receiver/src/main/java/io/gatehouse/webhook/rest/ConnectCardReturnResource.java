package io.gatehouse.webhook.rest;

import io.gatehouse.webhook.service.ConnectCardReturn;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where Fivetran sends the owner's browser after a Connect Card ({@code connect_card_config.redirect_uri}). Only
 * {@code state} is read: Fivetran documents no parameter it adds, so none is relied on. The client address the
 * rate limit counts is the connection's peer, or the forwarded client when {@code quarkus.http.proxy.*} trusts a
 * proxy in front.
 */
// No bearer token: the owner's browser lands here from Fivetran; only the signed state is trusted.
@PermitAll
@Path("/connect-card/return")
@Tag(name = "Connect Card")
public class ConnectCardReturnResource {

    private final ConnectCardReturn flow;

    ConnectCardReturnResource(ConnectCardReturn flow) {
        this.flow = flow;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Landing page after a Connect Card; confirms the setup with Fivetran")
    public Response landing(@QueryParam("state") String state, @Context HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return ReturnPages.render(flow.handle(state, peer == null ? null : peer.hostAddress()));
    }
}
