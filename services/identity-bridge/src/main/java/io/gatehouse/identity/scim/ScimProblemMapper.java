package io.gatehouse.identity.scim;

import io.gatehouse.identity.domain.ScimProblem;
import io.gatehouse.identity.domain.ScimSchemas;
import io.gatehouse.identity.service.ScimJson;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A SCIM error as RFC 7644 3.12 writes it: {@code status} as a string, {@code scimType}, {@code detail}. */
public class ScimProblemMapper {

    @ServerExceptionMapper
    public Response scim(ScimProblem e) {
        return Response.status(e.status()).type(ScimSchemas.MEDIA_TYPE)
                .entity(ScimJson.write(ScimViews.error(e.status(), e.scimType(), e.getMessage()))).build();
    }
}
