package io.gatehouse.onboarding.persistence;

import io.gatehouse.onboarding.domain.RequestState;
import io.gatehouse.onboarding.rest.NewOnboardingRequest;
import io.gatehouse.onboarding.rest.OnboardingRequestSummary;
import io.gatehouse.onboarding.rest.OnboardingRequestView;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads of the onboarding API. */
@ApplicationScoped
public class OnboardingQueries {

    private final EntityManager em;
    private final JsonColumns json;

    OnboardingQueries(EntityManager em, JsonColumns json) {
        this.em = em;
        this.json = json;
    }

    @Transactional
    public Optional<OnboardingRequestView> view(String id) {
        return OnboardingRequest.<OnboardingRequest>findByIdOptional(id).map(this::view);
    }

    /** Newest first; {@code owner} matches the owner's name or email, case-insensitively, in part. */
    @Transactional
    public OnboardingRequestSummary.Page list(RequestState state, String service, String owner, int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (state != null) {
            where.add("state = :state");
            params.and("state", state);
        }
        if (service != null && !service.isBlank()) {
            where.add("service = :service");
            params.and("service", service);
        }
        if (owner != null && !owner.isBlank()) {
            where.add("(lower(ownerEmail) like :owner or lower(ownerName) like :owner)");
            params.and("owner", "%" + owner.toLowerCase(Locale.ROOT) + "%");
        }
        PanacheQuery<OnboardingRequest> query = where.isEmpty()
                ? OnboardingRequest.findAll(Sort.descending("createdAt").and("id"))
                : OnboardingRequest.find(String.join(" and ", where), Sort.descending("createdAt").and("id"), params);
        List<OnboardingRequestSummary> items = query.page(Page.of(page, size)).list().stream()
                .map(OnboardingQueries::summary).toList();
        return new OnboardingRequestSummary.Page(items, page, size, query.count());
    }

    private OnboardingRequestView view(OnboardingRequest r) {
        Instant now = Instant.now();
        OnboardingRequestView.ConnectCardLink card = r.cardValidAt(now)
                ? new OnboardingRequestView.ConnectCardLink(r.cardUri, r.cardExpiresAt) : null;
        OnboardingRequestView.Failure failure = r.failureReason == null ? null
                : new OnboardingRequestView.Failure(r.failureStage, r.failureCode, r.failureReason);
        List<OnboardingRequestView.TimelineItem> timeline = TimelineEntry.of(r.id).stream()
                .map(e -> new OnboardingRequestView.TimelineItem(e.eventId, e.eventType, e.occurredAt, e.detail))
                .toList();
        return new OnboardingRequestView(r.id, r.state, r.service, r.groupId, r.schemaName, json.map(r.config),
                new NewOnboardingRequest.Owner(r.ownerName, r.ownerEmail), r.tableGroup, json.list(r.businesses),
                r.connectionId, card, failure, RequestTable.of(em, r.id), timeline, r.createdAt, r.updatedAt);
    }

    private static OnboardingRequestSummary summary(OnboardingRequest r) {
        return new OnboardingRequestSummary(r.id, r.state, r.service, r.groupId, r.schemaName,
                new NewOnboardingRequest.Owner(r.ownerName, r.ownerEmail), r.tableGroup, r.createdAt, r.updatedAt);
    }
}
