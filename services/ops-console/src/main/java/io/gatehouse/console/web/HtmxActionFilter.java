package io.gatehouse.console.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Cross-site request forgery guard for actions: they come only from the console's own htmx calls, which carry the
 * {@code HX-Request} header. Another site can make a browser send a form with its cookies, never this header (a
 * cross-origin custom header needs a CORS preflight the console does not grant). The session cookies are also
 * SameSite=Strict; this holds even where a browser ignores that.
 */
@Provider
@HtmxAction
public class HtmxActionFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"true".equals(request.getHeaderString("HX-Request"))) {
            request.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("console actions are sent by the console's pages only").build());
        }
    }
}
