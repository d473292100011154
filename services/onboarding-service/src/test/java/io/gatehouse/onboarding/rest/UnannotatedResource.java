package io.gatehouse.onboarding.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * Test-only: a resource method without @RolesAllowed or @PermitAll, as someone might add by mistake. The shared
 * {@code quarkus.security.jaxrs.deny-unannotated-endpoints} must refuse it (SecurityTest).
 */
@Path(UnannotatedResource.PATH)
public class UnannotatedResource {

    static final String PATH = "/test-only/unannotated";

    @GET
    public String forgotten() {
        return "open by mistake";
    }
}
