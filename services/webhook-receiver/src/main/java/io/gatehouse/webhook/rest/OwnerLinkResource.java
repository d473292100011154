package io.gatehouse.webhook.rest;

import io.gatehouse.webhook.service.OwnerLinkOpening;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The link the data source owner gets (the connector-service puts it into ConnectCardIssued as {@code ownerLink}). It
 * stays valid while the request is open, unlike Fivetran's Connect Card links (one day): it sends the browser on to
 * the current card and has a fresh one issued when that expired. Unauthenticated like the return page: the signed
 * token is the credential.
 */
// No bearer token: the owner is outside the company; the signed token in the link is the credential.
@PermitAll
@Path("/connect-card/open")
@Tag(name = "Connect Card")
public class OwnerLinkResource {

    private final OwnerLinkOpening opening;

    OwnerLinkResource(OwnerLinkOpening opening) {
        this.opening = opening;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The owner's setup link: 303 to the current Connect Card, or a page that waits for a fresh one",
            description = "403 for a forged or malformed token, 410 for an expired one; 200 pages that reload themselves "
                    + "while a card is being prepared, or say that the setup is already complete.")
    public Response open(@QueryParam("token") String token) {
        OwnerLinkOpening.Result result = opening.open(token);
        return OwnerLinkPages.render(result, token);
    }
}
