package io.gatehouse.console.onboarding;

import io.gatehouse.console.api.Answer;
import io.gatehouse.console.api.OnboardingApi;
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
import java.time.Instant;
import java.util.List;

/** Onboarding requests: the list with filters, one request's timeline, card and tables, and a fresh card. */
@Path("/onboarding")
@RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
@Produces(MediaType.TEXT_HTML)
public class OnboardingPages {

    static final List<String> STATES = List.of("REQUESTED", "CARD_ISSUED", "SETUP_COMPLETED", "ACTIVE", "BROKEN", "FAILED");
    private static final int PAGE_SIZE = 25;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Answer<OnboardingApi.Page> requests, String state, String owner,
                                            List<String> states, int page, boolean more);

        static native TemplateInstance request(Answer<OnboardingApi.Request> request, Instant now);

        static native TemplateInstance live(OnboardingApi.Request request, Instant now);

        static native TemplateInstance reissued(String error, String id);
    }

    private final Services services;
    private final SignedIn signedIn;

    OnboardingPages(Services services, SignedIn signedIn) {
        this.services = services;
        this.signedIn = signedIn;
    }

    @GET
    public TemplateInstance list(@QueryParam("state") String state, @QueryParam("owner") String owner,
                                 @QueryParam("page") int page) {
        String wanted = blankToNull(state);
        String who = blankToNull(owner);
        int p = Math.max(page, 0);
        Answer<OnboardingApi.Page> found = Answer.of(Services.ONBOARDING,
                () -> services.onboarding().list(signedIn.bearer(), wanted, who, p, PAGE_SIZE));
        boolean more = !found.failed() && (long) (p + 1) * PAGE_SIZE < found.value().total();
        return Templates.list(found, wanted == null ? "" : wanted, who == null ? "" : who, STATES, p, more);
    }

    @GET
    @Path("{id}")
    public TemplateInstance request(@PathParam("id") String id) {
        return Templates.request(Answer.of(Services.ONBOARDING, () -> services.onboarding().get(signedIn.bearer(), id)),
                Instant.now());
    }

    /**
     * The moving part of a request (state, card, tables, timeline) alone: the page polls it, so a reissued card's new
     * link shows up when the connector-service has it.
     */
    @GET
    @Path("{id}/live")
    public TemplateInstance live(@PathParam("id") String id) {
        Answer<OnboardingApi.Request> request = Answer.of(Services.ONBOARDING,
                () -> services.onboarding().get(signedIn.bearer(), id));
        return request.failed() ? Templates.reissued(request.error(), id) : Templates.live(request.value(), Instant.now());
    }

    @POST
    @Path("{id}/connect-card")
    @HtmxAction
    public TemplateInstance reissue(@PathParam("id") String id) {
        return Templates.reissued(Answer.attempt(Services.ONBOARDING,
                () -> services.onboarding().reissue(signedIn.bearer(), id)), id);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
