package io.gatehouse.webhook.rest;

import io.gatehouse.fivetran.client.error.FivetranException;
import io.gatehouse.fivetran.client.error.FivetranInvalidInputException;
import io.gatehouse.fivetran.client.error.FivetranNotFoundException;
import io.gatehouse.rest.Problem;
import io.gatehouse.rest.ProblemException;
import io.gatehouse.rest.Roles;
import io.gatehouse.webhook.app.WebhookRegistrar;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Registers this service's webhook endpoint with Fivetran for a destination group (platform admins only). */
@Path("/admin/fivetran-webhooks")
@Tag(name = "Admin")
public class WebhookAdminResource {

    private final WebhookRegistrar registrar;

    WebhookAdminResource(WebhookRegistrar registrar) {
        this.registrar = registrar;
    }

    /** {@code url} defaults to {@code gatehouse.webhook.register.public-url} + {@code /webhooks/fivetran}. */
    public record RegisterWebhook(
            @NotBlank @Size(max = 200) String groupId,
            @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url) {
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register POST /webhooks/fivetran as a Fivetran group webhook (idempotent)")
    public Response register(@Valid @NotNull RegisterWebhook request) {
        String url = request.url() != null ? request.url() : registrar.configuredEndpoint().orElseThrow(() ->
                new ProblemException(Problem.of(Response.Status.BAD_REQUEST,
                        "No url given and gatehouse.webhook.register.public-url is not set.")));
        WebhookRegistrar.Registration registration;
        try {
            registration = registrar.register(request.groupId(), url);
        } catch (FivetranNotFoundException e) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND,
                    "Fivetran does not know group '" + request.groupId() + "'."));
        } catch (FivetranInvalidInputException e) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "Fivetran refused the webhook: " + e.fivetranMessage()));
        } catch (FivetranException e) {
            throw new ProblemException(Problem.of(Response.Status.BAD_GATEWAY, "Fivetran could not be asked: " + e.getMessage()));
        }
        return Response.status(registration.created() ? Response.Status.CREATED : Response.Status.OK).entity(registration).build();
    }
}
