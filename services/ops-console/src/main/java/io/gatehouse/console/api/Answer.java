package io.gatehouse.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;

/**
 * A service's answer or why there is none. A page shows what it could get and says what it could not: one service
 * down leaves the rest of the page usable. A refusal shows the service's problem+json title and detail.
 */
public record Answer<T>(T value, String error) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static <T> Answer<T> of(String service, Supplier<T> call) {
        try {
            return new Answer<>(call.get(), null);
        } catch (WebApplicationException e) {
            return new Answer<>(null, refusal(service, e));
        } catch (ProcessingException e) {
            return new Answer<>(null, service + " did not answer (" + rootMessage(e) + ")");
        }
    }

    /** For an action: runs it, and returns null when it went through or what went wrong. */
    public static String attempt(String service, Runnable call) {
        return of(service, () -> {
            call.run();
            return Boolean.TRUE;
        }).error();
    }

    public boolean failed() {
        return error != null;
    }

    static String refusal(String service, WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String text = service + " answered " + status;
        try {
            String body = e.getResponse().readEntity(String.class);
            JsonNode problem = JSON.readTree(body);
            String title = problem.path("title").asText("");
            String detail = problem.path("detail").asText("");
            return text + (title.isEmpty() ? "" : ": " + title) + (detail.isEmpty() ? "" : " (" + detail + ")");
        } catch (Exception unreadable) {
            return text;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
