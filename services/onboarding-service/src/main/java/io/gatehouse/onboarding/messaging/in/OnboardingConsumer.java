package io.gatehouse.onboarding.messaging.in;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.ConnectCardIssued;
import io.gatehouse.events.ConnectCardRequested;
import io.gatehouse.events.ConnectorActivated;
import io.gatehouse.events.ConnectorInterrupted;
import io.gatehouse.events.ConnectorRecovered;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.OnboardingFailed;
import io.gatehouse.events.ReactivationRequested;
import io.gatehouse.events.SetupCompleted;
import io.gatehouse.messaging.inbox.EventHandlers;
import io.gatehouse.messaging.inbox.EventReceiver;
import io.gatehouse.onboarding.domain.RequestState;
import io.gatehouse.onboarding.persistence.OnboardingRequest;
import io.gatehouse.onboarding.persistence.TimelineEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each request's state and timeline in step with gatehouse.onboarding. Events about requests this
 * service does not know (another environment's, or already purged) are skipped.
 */
@ApplicationScoped
public class OnboardingConsumer {

    /** This service's name in the inbox; it keys the dedup rows already stored, so it outlives class renames. */
    public static final String CONSUMER = "onboarding-service";

    private final EventReceiver receiver;
    private final EventHandlers handlers;
    private final MeterRegistry meters;

    OnboardingConsumer(EventReceiver receiver, MeterRegistry meters) {
        this.receiver = receiver;
        this.meters = meters;
        this.handlers = EventHandlers.builder()
                .on(ConnectorRequested.class, e -> record(e, null, r -> { }))
                .on(ConnectCardIssued.class, e -> record(e, "card expires " + e.data().expiresAt(), r -> {
                    r.connectionId = e.data().connectionId();
                    r.cardUri = e.data().connectCardUri();
                    r.cardExpiresAt = e.data().expiresAt();
                    // The owner link binds the request, not the card: an older producer's card without one keeps the last.
                    if (e.data().ownerLink() != null) {
                        r.ownerLink = e.data().ownerLink();
                    }
                    r.moveTo(RequestState.CARD_ISSUED, e.time());
                }))
                .on(ConnectCardRequested.class, e -> record(e, "a fresh Connect Card was asked for", r -> { }))
                .on(SetupCompleted.class, e -> record(e, "connection " + e.data().connectionId() + " connected",
                        r -> r.moveTo(RequestState.SETUP_COMPLETED, e.time())))
                .on(ConnectorActivated.class, e -> record(e, "connection " + e.data().connectionId() + " unpaused",
                        r -> r.moveTo(RequestState.ACTIVE, e.time())))
                .on(ConnectorInterrupted.class, e -> record(e, "connection " + e.data().connectionId() + " broke: "
                        + e.data().reason(), r -> r.moveTo(RequestState.BROKEN, e.time())))
                .on(ReactivationRequested.class, e -> record(e, "reactivation requested"
                        + (e.data().reason() == null ? "" : ": " + e.data().reason()), r -> { }))
                .on(ConnectorRecovered.class, e -> record(e, "connection " + e.data().connectionId() + " runs again: "
                        + e.data().signal(), r -> r.recover(e.time())))
                .on(OnboardingFailed.class, e -> record(e, failure(e.data()), r -> {
                    r.failureStage = e.data().stage().name();
                    r.failureCode = e.data().code();
                    r.failureReason = e.data().reason();
                    if (e.data().connectionId() != null) {
                        r.connectionId = e.data().connectionId();
                    }
                    r.moveTo(RequestState.FAILED, e.time());
                }))
                .build();
    }

    @Incoming("onboarding-in")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        receiver.receive(CONSUMER, record, handlers);
    }

    /** Runs inside the receiver's transaction, with the inbox row. */
    private <T extends GatehouseEvent> void record(CloudEvent<T> event, String detail, Consumer<OnboardingRequest> change) {
        String requestId = event.subject();
        OnboardingRequest request = OnboardingRequest.findById(requestId);
        if (request == null) {
            Log.debugf("skipping %s for unknown request %s", event.ceType(), requestId);
            return;
        }
        RequestState before = request.state;
        Instant since = request.updatedAt;
        change.accept(request);
        if (request.state != before) {
            timeIn(before, since, event.time());
        }
        if (!TimelineEntry.recorded(event.id())) {
            TimelineEntry.of(requestId, event.id(), event.type().eventName(), event.time(), detail).persist();
        }
    }

    /**
     * The time a request spent in the state it just left ({@code gatehouse.onboarding.state.duration{state}}), from
     * its last change to the event that moved it on, both as the events tell them: the funnel's slow step shows.
     */
    private void timeIn(RequestState left, Instant since, Instant at) {
        if (since == null || at == null || at.isBefore(since)) {
            return;
        }
        Timer.builder("gatehouse.onboarding.state.duration").tag("state", left.name().toLowerCase(Locale.ROOT))
                .description("Time an onboarding request spent in a state before it moved on")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofDays(14))
                .register(meters).record(Duration.between(since, at));
    }

    private static String failure(OnboardingFailed failed) {
        return failed.stage() + (failed.code() == null ? "" : " " + failed.code()) + ": " + failed.reason();
    }
}
