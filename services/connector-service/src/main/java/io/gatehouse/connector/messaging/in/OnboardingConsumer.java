package io.gatehouse.connector.messaging.in;

import io.gatehouse.connector.service.ConnectorRequests;
import io.gatehouse.events.ConnectCardRequested;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.ReactivationRequested;
import io.gatehouse.events.SetupCompleted;
import io.gatehouse.messaging.inbox.EventHandlers;
import io.gatehouse.messaging.inbox.EventReceiver;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * gatehouse.onboarding (ConnectorRequested, ConnectCardRequested, SetupCompleted, ReactivationRequested): records the
 * work each event asks for, in the inbox's transaction. Never calls
 * Fivetran here (the worker does), so a slow or failing Fivetran never holds a partition.
 */
@ApplicationScoped
public class OnboardingConsumer {

    /** The inbox's consumer name, shared by both topics' consumers: the inbox rows written so far carry it. */
    public static final String NAME = "connector-service";

    private final EventReceiver receiver;
    private final EventHandlers handlers;

    OnboardingConsumer(EventReceiver receiver, ConnectorRequests requests) {
        this.receiver = receiver;
        this.handlers = EventHandlers.builder()
                .on(ConnectorRequested.class, e -> requests.register(e.data()))
                .on(ConnectCardRequested.class, e -> requests.reissueCard(e.data().requestId()))
                .on(SetupCompleted.class, e -> requests.setupCompleted(e.data().requestId(), e.data().connectionId()))
                .on(ReactivationRequested.class, e -> requests.reactivationRequested(e.data().requestId(),
                        e.data().reason()))
                .build();
    }

    @Incoming("onboarding-in")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        receiver.receive(NAME, record, handlers);
    }
}
