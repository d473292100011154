package io.gatehouse.console.catalogue;

import io.gatehouse.console.api.Answer;
import io.gatehouse.console.api.GrantApi;
import io.gatehouse.console.api.Services;
import io.gatehouse.console.signin.SignedIn;
import io.gatehouse.console.web.HtmxAction;
import io.gatehouse.rest.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Businesses, table groups, shared schemas and their warehouses; edits are confirmed after the grant-service's own
 * dry run has shown the statements they will run, and then sent as the same request without the dry run.
 */
@Path("/catalogue")
@RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
@Produces(MediaType.TEXT_HTML)
public class CataloguePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance catalogue(Answer<List<GrantApi.Business>> businesses,
                                                 Answer<List<GrantApi.TableGroup>> tableGroups,
                                                 Answer<List<GrantApi.SharedSchema>> sharedSchemas);

        static native TemplateInstance plan(String what, Answer<GrantApi.DryRun> plan, String confirmUrl,
                                            Map<String, String> values);

        static native TemplateInstance applied(String what, Answer<GrantApi.Accepted> accepted);
    }

    private final Services services;
    private final SignedIn signedIn;

    CataloguePages(Services services, SignedIn signedIn) {
        this.services = services;
        this.signedIn = signedIn;
    }

    @GET
    public TemplateInstance catalogue() {
        String bearer = signedIn.bearer();
        GrantApi grant = services.grant();
        return Templates.catalogue(Answer.of(Services.GRANT, () -> grant.businesses(bearer)),
                Answer.of(Services.GRANT, () -> grant.tableGroups(bearer)),
                Answer.of(Services.GRANT, () -> grant.sharedSchemas(bearer)));
    }

    @POST
    @Path("table-groups/{name}/plan")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @HtmxAction
    public TemplateInstance planPublication(@PathParam("name") String group, @FormParam("businesses") String businesses) {
        GrantApi.Publication body = new GrantApi.Publication(list(businesses));
        return Templates.plan("publish " + group + " in " + body.businesses(),
                Answer.of(Services.GRANT, () -> services.grant().previewPublication(signedIn.bearer(), group, true, body)),
                "/catalogue/table-groups/" + group + "/apply", Map.of("businesses", String.join(",", body.businesses())));
    }

    @POST
    @Path("table-groups/{name}/apply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @HtmxAction
    public TemplateInstance publish(@PathParam("name") String group, @FormParam("businesses") String businesses) {
        GrantApi.Publication body = new GrantApi.Publication(list(businesses));
        return Templates.applied("publish " + group + " in " + body.businesses(),
                Answer.of(Services.GRANT, () -> services.grant().publish(signedIn.bearer(), group, body)));
    }

    @POST
    @Path("shared-schemas/{schema}/plan")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @HtmxAction
    public TemplateInstance planMember(@PathParam("schema") String schema, @FormParam("login") String login,
                                       @FormParam("change") String change) {
        boolean add = !"remove".equals(change);
        String bearer = signedIn.bearer();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("login", login);
        values.put("change", add ? "add" : "remove");
        return Templates.plan(memberChange(add, login, schema),
                Answer.of(Services.GRANT, () -> add ? services.grant().previewAddMember(bearer, schema, login, true)
                        : services.grant().previewRemoveMember(bearer, schema, login, true)),
                "/catalogue/shared-schemas/" + schema + "/apply", values);
    }

    @POST
    @Path("shared-schemas/{schema}/apply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @HtmxAction
    public TemplateInstance changeMember(@PathParam("schema") String schema, @FormParam("login") String login,
                                         @FormParam("change") String change) {
        boolean add = !"remove".equals(change);
        String bearer = signedIn.bearer();
        return Templates.applied(memberChange(add, login, schema),
                Answer.of(Services.GRANT, () -> add ? services.grant().addMember(bearer, schema, login)
                        : services.grant().removeMember(bearer, schema, login)));
    }

    private static String memberChange(boolean add, String login, String schema) {
        return add ? "add " + login + " to " + schema : "remove " + login + " from " + schema;
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null ? List.of() : Arrays.stream(commaSeparated.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
