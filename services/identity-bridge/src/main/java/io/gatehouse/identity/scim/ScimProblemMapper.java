package io.gatehouse.identity.scim;

import io.gatehouse.identity.domain.ScimProblem;
import io.gatehouse.identity.domain.ScimSchemas;
import io.gatehouse.identity.service.ScimJson;
import io.gatehouse.messaging.persistence.DatabaseFailure;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every answer of the SCIM endpoints is a SCIM body, failures included (RFC 7644 3.12: {@code status} as a string,
 * {@code scimType}, {@code detail}). A database outage or a passing lock conflict is 503 with Retry-After: identity
 * providers retry such answers, and nothing of the request was stored or published (one transaction).
 */
public class ScimProblemMapper {

    /** Seconds a provider should wait before retrying during an outage; Okta and Entra ID both honour 503. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger LOG = Logger.getLogger(ScimProblemMapper.class);

    @ServerExceptionMapper
    public Response scim(ScimProblem e) {
        return error(e.status(), e.scimType(), e.getMessage());
    }

    /** For the SCIM resources' own mappers: anything they raise becomes a SCIM error. */
    static Response answer(RuntimeException e) {
        if (e instanceof ScimProblem problem) {
            return error(problem.status(), problem.scimType(), problem.getMessage());
        }
        if (e instanceof WebApplicationException web) {
            return error(web.getResponse().getStatus(), null, web.getMessage());
        }
        DatabaseFailure kind = DatabaseFailure.of(e);
        if (kind != DatabaseFailure.PERMANENT) {
            LOG.warnf("SCIM request answered 503, the database is unavailable (%s): %s", kind, e.toString());
            return Response.fromResponse(error(503, null, "The service's database is unavailable; nothing was "
                    + "changed. Retry the request.")).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        LOG.error("SCIM request failed", e);
        return error(500, null, "The request failed inside the service; nothing was changed.");
    }

    static Response error(int status, String scimType, String detail) {
        return Response.status(status).type(ScimSchemas.MEDIA_TYPE)
                .entity(ScimJson.write(ScimViews.error(status, scimType, detail))).build();
    }
}
