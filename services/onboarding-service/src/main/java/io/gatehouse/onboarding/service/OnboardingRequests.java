package io.gatehouse.onboarding.service;

import io.gatehouse.errors.ConflictException;
import io.gatehouse.errors.NotFoundException;
import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.ConnectCardRequested;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.EventType;
import io.gatehouse.events.Owner;
import io.gatehouse.events.ReactivationRequested;
import io.gatehouse.messaging.outbox.Outbox;
import io.gatehouse.onboarding.domain.RequestState;
import io.gatehouse.onboarding.persistence.OnboardingRequest;
import io.gatehouse.onboarding.persistence.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** Writes of the onboarding API: each change and its event commit together (outbox) or not at all. */
@ApplicationScoped
public class OnboardingRequests {

    private final Outbox outbox;

    OnboardingRequests(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Stores the request as REQUESTED and publishes ConnectorRequested; flushes so a taken key fails here. */
    @Transactional
    public OnboardingRequest create(NewRequest asked, String idempotencyKey, String fingerprint, String caller) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OnboardingRequest request = new OnboardingRequest();
        request.id = UUID.randomUUID().toString();
        request.idempotencyKey = idempotencyKey;
        request.fingerprint = fingerprint;
        request.service = asked.service();
        request.groupId = asked.groupId();
        request.schemaName = asked.schemaName();
        request.config = asked.config();
        request.ownerName = asked.ownerName();
        request.ownerEmail = asked.ownerEmail();
        request.tableGroup = asked.tableGroup();
        request.businesses = asked.businesses();
        request.state = RequestState.REQUESTED;
        request.requestedBy = caller;
        request.createdAt = now;
        request.updatedAt = now;
        request.persistAndFlush();

        CloudEvent<ConnectorRequested> event = outbox.publish(new ConnectorRequested(request.id, asked.service(),
                asked.groupId(), asked.schemaName(), asked.config(), new Owner(asked.ownerName(), asked.ownerEmail()),
                asked.tableGroup(), asked.businesses()));
        // Written here so the first GET already shows it; the consumer skips an event id it finds recorded.
        TimelineEntry.of(request.id, event.id(), EventType.CONNECTOR_REQUESTED.eventName(), event.time(),
                "requested by " + caller).persist();
        return request;
    }

    /** The request this caller made with this key; keys are scoped to the caller (the token's subject). */
    @Transactional
    public Optional<OnboardingRequest> byIdempotencyKey(String caller, String key) {
        return OnboardingRequest.byIdempotencyKey(caller, key);
    }

    /** Asks the connector-service for a fresh card; not found for an unknown request, a conflict when a card no longer helps. */
    @Transactional
    public OnboardingRequest requestConnectCard(String id) {
        OnboardingRequest request = OnboardingRequest.<OnboardingRequest>findByIdOptional(id)
                .orElseThrow(() -> notFound(id));
        if (!request.state.acceptsConnectCardReissue()) {
            throw new ConflictException(
                    "Request " + id + " is " + request.state + ": a new Connect Card is issued only before setup completes.");
        }
        outbox.publish(new ConnectCardRequested(id));
        return request;
    }

    /**
     * Asks the connector-service to bring a BROKEN or FAILED request's connection back (ReactivationRequested); not
     * found for an unknown request, a conflict in any other state. The timeline shows who asked, at once.
     */
    @Transactional
    public OnboardingRequest requestReactivation(String id, String reason, String caller) {
        OnboardingRequest request = OnboardingRequest.<OnboardingRequest>findByIdOptional(id)
                .orElseThrow(() -> notFound(id));
        if (!request.state.acceptsReactivation()) {
            throw new ConflictException("Request " + id + " is " + request.state
                    + ": only a BROKEN or FAILED request can be reactivated.");
        }
        CloudEvent<ReactivationRequested> event = outbox.publish(new ReactivationRequested(id, reason));
        // The consumer skips this event id when the event comes back from the topic.
        TimelineEntry.of(id, event.id(), EventType.REACTIVATION_REQUESTED.eventName(), event.time(),
                "reactivation requested by " + caller + (reason == null ? "" : ": " + reason)).persist();
        return request;
    }

    static NotFoundException notFound(String id) {
        return new NotFoundException("No onboarding request " + id + ".");
    }
}
