package io.gatehouse.webhook.fivetran;

import io.gatehouse.fivetran.client.error.FivetranErrorMapper;
import io.gatehouse.fivetran.client.model.Envelope;
import io.gatehouse.fivetran.client.model.Webhook;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/**
 * {@code GET /v1/webhooks}, which {@code FivetranClient} does not offer yet; registration needs it to stay
 * idempotent. Belongs in libs/fivetran-client once that grows a webhook list call.
 */
@Path("/v1/webhooks")
@RegisterProvider(FivetranErrorMapper.class)
@Produces(MediaType.APPLICATION_JSON)
public interface FivetranWebhookListApi {

    @GET
    Envelope<Page> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);

    /** One page of webhooks. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Page(List<Webhook> items, String nextCursor) {
    }
}
