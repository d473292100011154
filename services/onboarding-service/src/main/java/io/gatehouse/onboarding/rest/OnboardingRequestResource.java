package io.gatehouse.onboarding.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.errors.InvalidInputException;
import io.gatehouse.onboarding.config.OnboardingConfig;
import io.gatehouse.onboarding.domain.CanonicalJson;
import io.gatehouse.onboarding.domain.RequestState;
import io.gatehouse.onboarding.persistence.OnboardingRequest;
import io.gatehouse.onboarding.service.OnboardingQueries;
import io.gatehouse.onboarding.service.OnboardingRequests;
import io.gatehouse.rest.Problem;
import io.gatehouse.rest.ProblemException;
import io.gatehouse.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform team asks for sources here; ops follow them. */
@Path("/onboarding-requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Onboarding requests")
public class OnboardingRequestResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RequestValidation validation;
    private final OnboardingRequests requests;
    private final OnboardingQueries queries;
    private final OnboardingConfig config;
    private final ObjectMapper json;

    OnboardingRequestResource(RequestValidation validation, OnboardingRequests requests, OnboardingQueries queries,
            OnboardingConfig config, ObjectMapper json) {
        this.validation = validation;
        this.requests = requests;
        this.queries = queries;
        this.config = config;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Ask for a source", description = "202 with the request id; the connector-service creates "
            + "the Fivetran connection and a Connect Card. A retry with the same Idempotency-Key from the same caller returns the first answer; keys are each caller's own.")
    public Response create(NewOnboardingRequest body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @Context SecurityContext security) {
        validation.check(body);
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (key != null && key.length() > 200) {
            throw new InvalidInputException("The Idempotency-Key header is too long.",
                    List.of(new InvalidInputException.Violation(IDEMPOTENCY_KEY, "must be at most 200 characters")));
        }
        // Of the body as the client sent it: fingerprints stored by earlier versions must still match.
        String fingerprint = CanonicalJson.fingerprint(body);
        String caller = security.getUserPrincipal().getName();
        if (key != null) {
            Optional<OnboardingRequest> first = requests.byIdempotencyKey(caller, key);
            if (first.isPresent()) {
                return replay(first.get(), fingerprint);
            }
        }
        OnboardingRequest created;
        try {
            created = requests.create(body.command(), key, fingerprint, caller);
        } catch (RuntimeException e) {
            // Two retries raced: the other one holds the key now, and its answer is the answer.
            Optional<OnboardingRequest> first = key == null ? Optional.empty() : requests.byIdempotencyKey(caller, key);
            if (first.isEmpty()) {
                throw e;
            }
            return replay(first.get(), fingerprint);
        }
        return accepted(created);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
    @Operation(summary = "A request's state and timeline, with the links for the owner",
            description = "ownerLink is the link to hand to the data source owner while the setup is open: it always leads "
                    + "to a usable Connect Card. connectCard is Fivetran's own link, shown only while it is valid (one day). "
                    + "States: REQUESTED, CARD_ISSUED, SETUP_COMPLETED, ACTIVE, BROKEN (the running connection broke; "
                    + "it recovers by itself or through reactivation), FAILED.")
    public OnboardingRequestView get(@PathParam("id") String id) {
        return OnboardingRequestView.of(queries.details(id), Instant.now());
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
    @Operation(summary = "List requests, newest first", description = "Filters: state, service, owner (name or email, "
            + "partial). Pages start at 0.")
    public OnboardingRequestSummary.Page list(@QueryParam("state") String state, @QueryParam("service") String service,
            @QueryParam("owner") String owner, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? config.defaultPageSize() : size;
        List<Problem.FieldError> errors = new ArrayList<>();
        RequestState wanted = null;
        if (state != null && !state.isBlank()) {
            try {
                wanted = RequestState.valueOf(state.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("state", "must be one of " + List.of(RequestState.values())));
            }
        }
        if (p < 0 || (long) p * Math.max(s, 1) > Integer.MAX_VALUE) {
            errors.add(new Problem.FieldError("page", "must be 0 or more, and page x size must stay within 2147483647"));
        }
        if (s < 1 || s > config.maxPageSize()) {
            errors.add(new Problem.FieldError("size", "must be between 1 and " + config.maxPageSize()));
        }
        if (!errors.isEmpty()) {
            // A Problem, not InvalidInputException: the errors keep the order of the checks, as this API has always answered.
            throw new ProblemException(Problem.invalid("The query has " + errors.size() + " invalid parameter(s).", errors));
        }
        return OnboardingRequestSummary.Page.of(queries.list(wanted, service, owner, p, s));
    }

    @POST
    @Path("/{id}/connect-card")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Issue a fresh Connect Card", description = "For a card that expired or was lost; the new "
            + "link shows up on the request once the connector-service has it. 409 after setup completed.")
    public Response reissue(@PathParam("id") String id) {
        OnboardingRequest request = requests.requestConnectCard(id);
        return Response.accepted(new Accepted(request.id, request.state, location(request.id)))
                .location(URI.create(location(request.id))).build();
    }

    @POST
    @Path("/{id}/reactivation")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Reactivate a broken or failed connection", description = "Optional JSON body {\"reason\": ...} "
            + "(at most 500 characters). 202: the connector-service checks the connection with Fivetran and resumes it; the "
            + "request turns ACTIVE once it runs again. 409 unless the request is BROKEN or FAILED, 404 for an unknown id.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Reactivation.class)))
    public Response reactivate(@PathParam("id") String id, byte[] body, @Context SecurityContext security) throws IOException {
        // Read here rather than by JAX-RS: a POST without a body has no Content-Type, which no JSON reader would take.
        Reactivation reactivation = body == null || body.length == 0 ? null : json.readValue(body, Reactivation.class);
        String reason = reactivation == null ? null : validation.check(reactivation).reasonOrNull();
        OnboardingRequest request = requests.requestReactivation(id, reason, security.getUserPrincipal().getName());
        return Response.accepted(new Accepted(request.id, request.state, location(request.id)))
                .location(URI.create(location(request.id))).build();
    }

    private Response replay(OnboardingRequest first, String fingerprint) {
        if (!first.fingerprint.equals(fingerprint)) {
            throw new ProblemException(new Problem("about:blank", "Unprocessable Content", 422,
                    "This Idempotency-Key was used for a different request body (request " + first.id + ").",
                    null, List.of()));
        }
        return accepted(first);
    }

    private static Response accepted(OnboardingRequest request) {
        // The first answer, also on a replay: the request as it was accepted.
        return Response.accepted(new Accepted(request.id, RequestState.REQUESTED, location(request.id)))
                .location(URI.create(location(request.id))).build();
    }

    private static String location(String id) {
        return "/onboarding-requests/" + id;
    }
}
