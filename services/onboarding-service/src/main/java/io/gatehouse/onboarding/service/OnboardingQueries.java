package io.gatehouse.onboarding.service;

import io.gatehouse.onboarding.domain.RequestState;
import io.gatehouse.onboarding.persistence.OnboardingRequest;
import io.gatehouse.onboarding.persistence.RequestTable;
import io.gatehouse.onboarding.persistence.TimelineEntry;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reads of the onboarding API. */
@ApplicationScoped
public class OnboardingQueries {

    private final EntityManager em;

    OnboardingQueries(EntityManager em) {
        this.em = em;
    }

    /** The request with its timeline and tables; not found for an unknown id. */
    @Transactional
    public RequestDetails details(String id) {
        OnboardingRequest request = OnboardingRequest.<OnboardingRequest>findByIdOptional(id)
                .orElseThrow(() -> OnboardingRequests.notFound(id));
        return new RequestDetails(request, TimelineEntry.of(id), RequestTable.of(em, id));
    }

    /** One page of {@link OnboardingRequest#search}, with the total it pages through. */
    @Transactional
    public RequestPage list(RequestState state, String service, String owner, int page, int size) {
        PanacheQuery<OnboardingRequest> query = OnboardingRequest.search(state, service, owner);
        return new RequestPage(query.page(Page.of(page, size)).list(), page, size, query.count());
    }
}
