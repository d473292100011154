package io.gatehouse.webhook.rest;

import io.gatehouse.rest.Problem;
import io.gatehouse.rest.ProblemException;
import io.gatehouse.webhook.service.WebhookIntake;
import io.gatehouse.webhook.domain.WebhookSignature;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Fivetran's webhook deliveries. The body is read as bytes, at most {@code gatehouse.webhook.max-body-bytes},
 * and its signature checked before anything parses it; a body older than the replay window is refused like a bad
 * signature. Accepted deliveries answer 200 whatever their type, so Fivetran does not retry them.
 */
// No bearer token: Fivetran cannot send one; the HMAC signature checked below is the credential.
@PermitAll
@Path("/webhooks/fivetran")
@Tag(name = "Fivetran webhooks")
public class FivetranWebhookResource {

    private final WebhookIntake intake;

    FivetranWebhookResource(WebhookIntake intake) {
        this.intake = intake;
    }

    /** The answer to an accepted delivery. */
    public record Accepted(String outcome) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Fivetran webhook (signed with X-Fivetran-Signature-256)")
    public Response receive(@HeaderParam(WebhookSignature.HEADER) String signature,
                            @HeaderParam("Content-Length") Long contentLength, InputStream body) throws IOException {
        int limit = intake.maxBodyBytes();
        if (contentLength != null && contentLength > limit) {
            throw tooLarge(limit);
        }
        // One byte more than allowed tells an oversized body (chunked, or a lying Content-Length) apart.
        byte[] raw = body.readNBytes(limit + 1);
        if (raw.length > limit) {
            throw tooLarge(limit);
        }
        WebhookIntake.Outcome outcome = intake.receive(raw, signature);
        return switch (outcome) {
            case BAD_SIGNATURE -> throw new ProblemException(Problem.of(Response.Status.UNAUTHORIZED,
                    "Missing or wrong " + WebhookSignature.HEADER + "."));
            case INVALID -> throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST,
                    "The webhook body is not a Fivetran event Gatehouse can read."));
            // A stale body fails authentication like a bad signature: its signature proves Fivetran made it once,
            // not who sends it now (anyone holding a captured copy can). 401, told apart by detail and metric tag.
            case TOO_OLD -> throw new ProblemException(Problem.of(Response.Status.UNAUTHORIZED,
                    "The webhook's 'created' is older than the replay window."));
            case IN_FUTURE -> throw new ProblemException(Problem.of(Response.Status.UNAUTHORIZED,
                    "The webhook's 'created' lies further in the future than the allowed clock skew."));
            default -> Response.ok(new Accepted(outcome.tag())).build();
        };
    }

    private ProblemException tooLarge(int limit) {
        intake.tooLarge();
        return new ProblemException(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "Webhook bodies are limited to " + limit + " bytes."));
    }
}
