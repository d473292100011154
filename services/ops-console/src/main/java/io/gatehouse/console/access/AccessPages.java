package io.gatehouse.console.access;

import io.gatehouse.console.api.Answer;
import io.gatehouse.console.api.GrantApi;
import io.gatehouse.console.api.Services;
import io.gatehouse.console.signin.SignedIn;
import io.gatehouse.rest.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Who can read what, and why: a person's roles and tables with the path drawn; a table's readers. */
@Path("/access")
@RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
@Produces(MediaType.TEXT_HTML)
public class AccessPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance person(String login, Answer<GrantApi.UserAccess> access, PathGraph graph);

        static native TemplateInstance table(String table, Answer<List<GrantApi.Reader>> readers);
    }

    private final Services services;
    private final SignedIn signedIn;

    AccessPages(Services services, SignedIn signedIn) {
        this.services = services;
        this.signedIn = signedIn;
    }

    @GET
    public TemplateInstance person(@QueryParam("login") String login) {
        if (login == null || login.isBlank()) {
            return Templates.person("", null, null);
        }
        String who = login.strip();
        Answer<GrantApi.UserAccess> access = Answer.of(Services.GRANT, () -> services.grant().access(signedIn.bearer(), who));
        PathGraph graph = access.failed() ? null : PathGraph.of(access.value().tables().stream()
                .map(p -> new PathGraph.Hop(p.via(), p.table())).toList());
        return Templates.person(who, access, graph);
    }

    @GET
    @Path("table")
    public TemplateInstance table(@QueryParam("table") String table) {
        if (table == null || table.isBlank()) {
            return Templates.table("", null);
        }
        String name = table.strip();
        return Templates.table(name, Answer.of(Services.GRANT, () -> services.grant().readers(signedIn.bearer(), name)));
    }
}
