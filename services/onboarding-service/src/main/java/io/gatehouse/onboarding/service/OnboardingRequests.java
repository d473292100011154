package io.gatehouse.onboarding.persistence;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.ConnectCardRequested;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.EventType;
import io.gatehouse.events.Owner;
import io.gatehouse.messaging.outbox.Outbox;
import io.gatehouse.onboarding.domain.RequestState;
import io.gatehouse.onboarding.rest.NewOnboardingRequest;
import io.gatehouse.rest.Problem;
import io.gatehouse.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** Writes of the onboarding API: each change and its event commit together (outbox) or not at all. */
@ApplicationScoped
public class OnboardingRequests {

    private final Outbox outbox;
    private final JsonColumns json;

    OnboardingRequests(Outbox outbox, JsonColumns json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** Stores the request as REQUESTED and publishes ConnectorRequested; flushes so a taken key fails here. */
    @Transactional
    public OnboardingRequest create(NewOnboardingRequest body, String idempotencyKey, String fingerprint, String caller) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OnboardingRequest request = new OnboardingRequest();
        request.id = UUID.randomUUID().toString();
        request.idempotencyKey = idempotencyKey;
        request.fingerprint = fingerprint;
        request.service = body.service();
        request.groupId = body.groupId();
        request.schemaName = body.schemaName();
        request.config = json.write(body.config());
        request.ownerName = body.owner().name();
        request.ownerEmail = body.owner().email();
        request.tableGroup = body.tableGroup();
        request.businesses = json.write(body.businesses());
        request.state = RequestState.REQUESTED;
        request.requestedBy = caller;
        request.createdAt = now;
        request.updatedAt = now;
        request.persistAndFlush();

        CloudEvent<ConnectorRequested> event = outbox.publish(new ConnectorRequested(request.id, body.service(),
                body.groupId(), body.schemaName(), body.config(), new Owner(body.owner().name(), body.owner().email()),
                body.tableGroup(), body.businesses()));
        // Written here so the first GET already shows it; the consumer skips an event id it finds recorded.
        TimelineEntry.of(request.id, event.id(), EventType.CONNECTOR_REQUESTED.eventName(), event.time(),
                "requested by " + caller).persist();
        return request;
    }

    @Transactional
    public Optional<OnboardingRequest> byIdempotencyKey(String key) {
        return OnboardingRequest.byIdempotencyKey(key);
    }

    /** Asks the connector-service for a fresh card; 404 for an unknown request, 409 when a card no longer helps. */
    @Transactional
    public OnboardingRequest requestConnectCard(String id) {
        OnboardingRequest request = OnboardingRequest.<OnboardingRequest>findByIdOptional(id)
                .orElseThrow(() -> notFound(id));
        if (!request.state.acceptsConnectCardReissue()) {
            throw new ProblemException(Problem.of(Response.Status.CONFLICT,
                    "Request " + id + " is " + request.state + ": a new Connect Card is issued only before setup completes."));
        }
        outbox.publish(new ConnectCardRequested(id));
        return request;
    }

    public static ProblemException notFound(String id) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No onboarding request " + id + "."));
    }
}
