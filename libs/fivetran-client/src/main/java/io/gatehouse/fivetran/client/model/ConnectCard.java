package io.gatehouse.fivetran.client.model;

import io.gatehouse.fivetran.client.error.Redaction;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A Connect Card: the link to send the end user to. The token (also inside the URI) is a credential. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConnectCard(String token, String uri) {
    @Override
    public String toString() {
        return "ConnectCard[uri=" + Redaction.redact(uri) + "]";
    }
}
