package io.gatehouse.console.signin;

import io.gatehouse.console.config.ConsoleConfig;
import io.gatehouse.rest.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The development sign-in: pick a name and a role. 404 unless the dev flag is set. */
@Path(DevSessionMechanism.SIGN_IN_PATH)
@PermitAll
public class DevSignInResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(String then, List<String> roles, String error);
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    private static final List<String> ROLES = List.of(Roles.OPS, Roles.PLATFORM_ADMIN);

    private final ConsoleConfig config;
    private final DevTokens tokens;

    DevSignInResource(ConsoleConfig config, DevTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form(@QueryParam("then") String then) {
        requireEnabled();
        return Templates.form(safe(then), ROLES, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("name") String name, @FormParam("role") String role, @FormParam("then") String then) {
        requireEnabled();
        if (name == null || !NAME.matcher(name).matches() || !ROLES.contains(role)) {
            return Response.status(400).entity(Templates.form(safe(then), ROLES,
                    "a name of letters, digits, . _ @ - and one of the roles " + ROLES)).build();
        }
        NewCookie session = new NewCookie.Builder(DevSessionMechanism.COOKIE).value(tokens.sign(name, Set.of(role)))
                .path("/").httpOnly(true).sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) config.devSignIn().lifetime().toSeconds()).build();
        return Response.seeOther(URI.create(safe(then))).cookie(session).build();
    }

    @POST
    @Path("out")
    public Response signOut() {
        requireEnabled();
        NewCookie gone = new NewCookie.Builder(DevSessionMechanism.COOKIE).value("").path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
        return Response.seeOther(URI.create(DevSessionMechanism.SIGN_IN_PATH)).cookie(gone).build();
    }

    private void requireEnabled() {
        if (!config.devSignIn().enabled()) {
            throw new NotFoundException();
        }
    }

    /** Only a path of this console: an open redirect would let a link send a signed-in operator anywhere. */
    private static String safe(String then) {
        return then != null && then.startsWith("/") && !then.startsWith("//") && !then.contains("\\") ? then : "/";
    }
}
