package io.gatehouse.webhook.rest;

import io.gatehouse.fivetran.client.error.FivetranException;
import io.gatehouse.rest.Problem;
import io.gatehouse.rest.ProblemException;
import io.gatehouse.rest.Roles;
import io.gatehouse.webhook.service.WebhookRegistrar;
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

    /** The webhook now registered for the group, and whether this request created it. */
    public record Registration(String webhookId, String groupId, String url, boolean created) {

        static Registration of(WebhookRegistrar.Registration registration) {
            return new Registration(registration.webhookId(), registration.groupId(), registration.url(), registration.created());
        }
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register POST /webhooks/fivetran as a Fivetran group webhook (idempotent)")
    public Response register(@Valid @NotNull RegisterWebhook request) {
        WebhookRegistrar.Registration registration;
        try {
            registration = registrar.registerOnRequest(request.groupId(), request.url());
        } catch (FivetranException e) {
            // What the operator can fix comes back from the service as a 400/404; this is Fivetran itself failing.
            throw new ProblemException(Problem.of(Response.Status.BAD_GATEWAY, "Fivetran could not be asked: " + e.getMessage()));
        }
        return Response.status(registration.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(Registration.of(registration)).build();
    }
}
