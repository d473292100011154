package io.gatehouse.fivetran.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Body of {@code POST /v1/webhooks/group/{groupId}}. The secret signs deliveries; it is never returned. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateWebhook(String url, List<String> events, Boolean active, String secret) {
    @Override
    public String toString() {
        return "CreateWebhook[url=" + url + ", events=" + events + ", active=" + active + ", secret=******]";
    }
}
