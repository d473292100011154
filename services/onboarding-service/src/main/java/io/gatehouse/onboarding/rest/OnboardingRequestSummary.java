package io.gatehouse.onboarding.rest;

import io.gatehouse.onboarding.domain.RequestState;
import java.time.Instant;
import java.util.List;

/** One line of {@code GET /onboarding-requests}. */
public record OnboardingRequestSummary(String id, RequestState state, String service, String groupId, String schemaName,
        NewOnboardingRequest.Owner owner, String tableGroup, Instant createdAt, Instant updatedAt) {

    /** A page of the list, newest first, with what a client needs to fetch the next one. */
    public record Page(List<OnboardingRequestSummary> items, int page, int size, long total) {
    }
}
