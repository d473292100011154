package io.gatehouse.onboarding.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatehouse.onboarding.domain.CanonicalJson;
import io.gatehouse.onboarding.domain.RequestState;
import io.gatehouse.onboarding.persistence.OnboardingRequest;
import io.gatehouse.onboarding.service.RequestDetails;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /onboarding-requests/{id}}: the request, where it stands and what happened to it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OnboardingRequestView(
        String id,
        RequestState state,
        String service,
        String groupId,
        String schemaName,
        Map<String, Object> config,
        NewOnboardingRequest.Owner owner,
        String tableGroup,
        List<String> businesses,
        String connectionId,
        String ownerLink,
        ConnectCardLink connectCard,
        Failure failure,
        List<String> tables,
        List<TimelineItem> timeline,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * The request as it stands at {@code now}: the owner link while the setup is open (the link to hand out), Fivetran's
     * card link only while it is valid.
     */
    static OnboardingRequestView of(RequestDetails details, Instant now) {
        OnboardingRequest r = details.request();
        ConnectCardLink card = r.cardValidAt(now) ? new ConnectCardLink(r.cardUri, r.cardExpiresAt) : null;
        Failure failure = r.failureReason == null ? null : new Failure(r.failureStage, r.failureCode, r.failureReason);
        List<TimelineItem> timeline = details.timeline().stream()
                .map(e -> new TimelineItem(e.eventId, e.eventType, e.occurredAt, e.detail))
                .toList();
        // Keys sorted at every level, as this API has always answered: the JSON column keeps the client's order on H2
        // and jsonb's order on PostgreSQL.
        return new OnboardingRequestView(r.id, r.state, r.service, r.groupId, r.schemaName, CanonicalJson.sorted(r.config),
                new NewOnboardingRequest.Owner(r.ownerName, r.ownerEmail), r.tableGroup, r.businesses, r.connectionId,
                r.ownerLinkUseful() ? r.ownerLink : null, card, failure, details.tables(), timeline, r.createdAt, r.updatedAt);
    }

    /** The link the owner opens; shown only while it is valid. */
    public record ConnectCardLink(String uri, Instant expiresAt) {
    }

    /** Why the request failed: the stage, Fivetran's code when there is one, the reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Failure(String stage, String code, String reason) {
    }

    /** One event of the request's story. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelineItem(String eventId, String type, Instant time, String detail) {
    }
}
