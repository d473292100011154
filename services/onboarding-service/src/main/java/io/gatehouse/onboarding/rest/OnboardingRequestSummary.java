package io.gatehouse.onboarding.rest;

import io.gatehouse.onboarding.domain.RequestState;
import io.gatehouse.onboarding.persistence.OnboardingRequest;
import io.gatehouse.onboarding.service.RequestPage;
import java.time.Instant;
import java.util.List;

/** One line of {@code GET /onboarding-requests}. */
public record OnboardingRequestSummary(String id, RequestState state, String service, String groupId, String schemaName,
        NewOnboardingRequest.Owner owner, String tableGroup, Instant createdAt, Instant updatedAt) {

    static OnboardingRequestSummary of(OnboardingRequest r) {
        return new OnboardingRequestSummary(r.id, r.state, r.service, r.groupId, r.schemaName,
                new NewOnboardingRequest.Owner(r.ownerName, r.ownerEmail), r.tableGroup, r.createdAt, r.updatedAt);
    }

    /** A page of the list, newest first, with what a client needs to fetch the next one. */
    public record Page(List<OnboardingRequestSummary> items, int page, int size, long total) {

        static Page of(RequestPage found) {
            return new Page(found.items().stream().map(OnboardingRequestSummary::of).toList(), found.page(),
                    found.size(), found.total());
        }
    }
}
