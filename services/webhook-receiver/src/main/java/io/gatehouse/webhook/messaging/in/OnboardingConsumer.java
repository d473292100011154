package io.gatehouse.webhook.messaging.in;

import io.gatehouse.events.ConnectCardIssued;
import io.gatehouse.messaging.inbox.EventHandlers;
import io.gatehouse.messaging.inbox.EventReceiver;
import io.gatehouse.webhook.service.ConnectCardIssuance;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads gatehouse.onboarding for the one event this service needs, ConnectCardIssued: the return page can only ask
 * Fivetran about a request once it knows the request's connection.
 */
@ApplicationScoped
public class OnboardingConsumer {

    /** The inbox's consumer name: processed events are recorded under it, so it must not change with the class. */
    public static final String NAME = "webhook-receiver";
    public static final String CHANNEL = "onboarding-in";

    private final EventReceiver receiver;
    private final EventHandlers handlers;

    OnboardingConsumer(EventReceiver receiver, ConnectCardIssuance issuance) {
        this.receiver = receiver;
        this.handlers = EventHandlers.builder().on(ConnectCardIssued.class, issuance::record).build();
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        receiver.receive(NAME, record, handlers);
    }
}
