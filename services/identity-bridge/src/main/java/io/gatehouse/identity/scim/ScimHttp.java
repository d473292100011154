package io.gatehouse.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.identity.config.IdentityConfig;
import io.gatehouse.identity.domain.ScimProblem;
import io.gatehouse.identity.domain.ScimSchemas;
import io.gatehouse.identity.service.ETags;
import io.gatehouse.identity.service.ScimJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.function.Supplier;
import org.hibernate.exception.ConstraintViolationException;

/** What the SCIM endpoints share: the base URL, paging parameters, and bodies as application/scim+json. */
@ApplicationScoped
class ScimHttp {

    static final String BASE_PATH = "/scim/v2";

    private final IdentityConfig config;

    ScimHttp(IdentityConfig config) {
        this.config = config;
    }

    static String base(UriInfo uri) {
        String root = uri.getBaseUri().toString();
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + BASE_PATH;
    }

    /** RFC 7644 3.4.2.4: startIndex below 1 counts as 1. */
    int startIndex(String text) {
        return Math.max(1, integer("startIndex", text, 1));
    }

    /** RFC 7644 3.4.2.4: a negative count is 0, one above the maximum is cut to it. */
    int count(String text) {
        int max = config.scim().maxResults();
        return Math.min(max, Math.max(0, integer("count", text, max)));
    }

    private static int integer(String name, String text, int absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ScimProblem.invalidValue(name + " is a whole number, not '" + text + "'");
        }
    }

    static Response ok(JsonNode body, long version) {
        return Response.ok(ScimJson.write(body), ScimSchemas.MEDIA_TYPE).tag(etag(version)).build();
    }

    static Response ok(JsonNode body) {
        return Response.ok(ScimJson.write(body), ScimSchemas.MEDIA_TYPE).build();
    }

    static Response created(JsonNode body, long version, String location) {
        return Response.created(URI.create(location)).type(ScimSchemas.MEDIA_TYPE).entity(ScimJson.write(body))
                .tag(etag(version)).build();
    }

    private static jakarta.ws.rs.core.EntityTag etag(long version) {
        return jakarta.ws.rs.core.EntityTag.valueOf(ETags.of(version));
    }

    /**
     * Runs a write; a unique key taken by a concurrent request (the checks before the write passed on both) is
     * uniqueness, as the check itself would have answered had the other request committed first.
     */
    static <T> T write(Supplier<T> write) {
        try {
            return write.get();
        } catch (PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConstraintViolationException) {
                    throw ScimProblem.uniqueness("another request took this name at the same time: " + e.getMessage());
                }
            }
            throw e;
        }
    }
}
