package io.gatehouse.fivetran.client.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns any non-2xx answer into the typed exception for its status, carrying Fivetran's code and message. */
public class FivetranErrorMapper implements ResponseExceptionMapper<FivetranException> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public FivetranException toThrowable(Response response) {
        return map(response.getStatus(), body(response), response.getHeaderString("Retry-After"));
    }

    public static FivetranException map(int status, String body, String retryAfterHeader) {
        String code = "HTTP_" + status;
        String message = "(no message)";
        try {
            JsonNode json = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (json != null && json.hasNonNull("code")) code = json.get("code").asText();
            if (json != null && json.hasNonNull("message")) message = json.get("message").asText();
        } catch (Exception notJson) {
            // Gateways answer HTML/plain text; keep the status, do not echo an arbitrary body
        }
        return switch (status) {
            case 400, 422 -> new FivetranInvalidInputException(status, code, message);
            case 401, 403 -> new FivetranAuthenticationException(status, code, message);
            case 404 -> new FivetranNotFoundException(status, code, message);
            case 409 -> new FivetranConflictException(status, code, message);
            case 429 -> new FivetranRateLimitedException(code, message, retryAfter(retryAfterHeader));
            default -> status >= 500 ? new FivetranServerException(status, code, message) : new FivetranException(status, code, message);
        };
    }

    /** Retry-After in seconds, as Fivetran sends it; an HTTP-date or garbage means "not given". */
    static Duration retryAfter(String header) {
        if (header == null) return null;
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String body(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
