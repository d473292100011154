package io.gatehouse.onboarding.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatehouse.onboarding.domain.RequestState;
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
        ConnectCardLink connectCard,
        Failure failure,
        List<String> tables,
        List<TimelineItem> timeline,
        Instant createdAt,
        Instant updatedAt) {

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
