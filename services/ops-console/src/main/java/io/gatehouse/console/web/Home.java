package io.gatehouse.console.web;

import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The console opens on the onboarding requests. */
@Path("/")
@RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
public class Home {

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/onboarding")).build();
    }
}
