package io.gatehouse.console.pipeline;

import io.gatehouse.console.api.Answer;
import io.gatehouse.console.api.GrantApi;
import io.gatehouse.console.api.OperationsApi;
import io.gatehouse.console.api.Services;
import io.gatehouse.console.signin.SignedIn;
import io.gatehouse.console.web.HtmxAction;
import io.gatehouse.rest.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pipeline health: each service's backlog, lag and dead letters; apply jobs parked or waiting, with replay; drift,
 * with reconcile; the recent audit with filters.
 */
@Path("/pipeline")
@RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
@Produces(MediaType.TEXT_HTML)
public class PipelinePages {

    private static final int AUDIT_ROWS = 50;
    private static final int DEAD_LETTER_ROWS = 20;

    /** One service's pipeline and its latest dead letters, or why they are missing. */
    public record ServiceHealth(String name, Answer<OperationsApi.Pipeline> pipeline,
                                Answer<List<OperationsApi.DeadLetter>> deadLetters) {
    }

    public record AuditFilter(String user, String role, String event) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance pipeline(List<ServiceHealth> services, Answer<List<GrantApi.Job>> parked,
                                                Answer<List<GrantApi.Job>> waiting, Answer<List<GrantApi.Drift>> drift,
                                                Answer<List<GrantApi.AuditEntry>> audit, AuditFilter filter);

        static native TemplateInstance done(String error, String message);
    }

    private final Services services;
    private final SignedIn signedIn;

    PipelinePages(Services services, SignedIn signedIn) {
        this.services = services;
        this.signedIn = signedIn;
    }

    @GET
    public TemplateInstance pipeline(@QueryParam("user") String user, @QueryParam("role") String role,
                                     @QueryParam("event") String event) {
        String bearer = signedIn.bearer();
        List<ServiceHealth> health = new ArrayList<>();
        for (Map.Entry<String, OperationsApi> s : services.operations().entrySet()) {
            health.add(new ServiceHealth(s.getKey(), Answer.of(s.getKey(), () -> s.getValue().pipeline(bearer)),
                    Answer.of(s.getKey(), () -> s.getValue().deadLetters(bearer, DEAD_LETTER_ROWS))));
        }
        GrantApi grant = services.grant();
        AuditFilter filter = new AuditFilter(blankToNull(user), blankToNull(role), blankToNull(event));
        return Templates.pipeline(health,
                Answer.of(Services.GRANT, () -> grant.parked(bearer)),
                Answer.of(Services.GRANT, () -> grant.waiting(bearer)),
                Answer.of(Services.GRANT, () -> grant.drift(bearer)),
                Answer.of(Services.GRANT, () -> grant.audit(bearer, filter.user(), filter.role(), filter.event(), AUDIT_ROWS)),
                filter);
    }

    @POST
    @Path("jobs/{id}/replay")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @HtmxAction
    public TemplateInstance replayJob(@PathParam("id") long id) {
        return Templates.done(Answer.attempt(Services.GRANT, () -> services.grant().replay(signedIn.bearer(), id)),
                "job " + id + " queued again");
    }

    @POST
    @Path("dead-letters/{service}/{id}/replay")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @HtmxAction
    public TemplateInstance replayDeadLetter(@PathParam("service") String service, @PathParam("id") long id) {
        OperationsApi api = services.operations(service);
        return Templates.done(Answer.attempt(service, () -> api.replay(signedIn.bearer(), id)),
                "dead letter " + id + " of " + service + " sent again");
    }

    @POST
    @Path("reconcile")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @HtmxAction
    public TemplateInstance reconcile() {
        Answer<GrantApi.Reconciling> r = Answer.of(Services.GRANT, () -> services.grant().reconcile(signedIn.bearer(), null));
        return Templates.done(r.error(), r.failed() ? "" : "reconcile " + r.value().reconcileId() + " queued for "
                + r.value().drifts().size() + " drifted role(s)");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
