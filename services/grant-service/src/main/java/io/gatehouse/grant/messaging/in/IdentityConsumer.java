package io.gatehouse.grant.messaging.in;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.grant.service.DesiredChanges;
import io.gatehouse.messaging.inbox.EventHandlers;
import io.gatehouse.messaging.inbox.EventReceiver;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * HR and identity facts: membership changes become desired facts and an apply job, in the receiver's
 * transaction, ordered by the event's time (ce_time), so a late or replayed change is ignored. A name Gatehouse
 * cannot represent throws, so the record goes to gatehouse.identity.dlq.
 */
@ApplicationScoped
public class IdentityConsumer {

    public static final String NAME = "grant-service-identity";

    private final EventReceiver receiver;
    private final DesiredChanges changes;
    private final EventHandlers handlers;

    IdentityConsumer(EventReceiver receiver, DesiredChanges changes) {
        this.receiver = receiver;
        this.changes = changes;
        this.handlers = EventHandlers.builder()
                .on(UserJoinedBusiness.class, this::joined)
                .on(UserLeftBusiness.class, this::left)
                .build();
    }

    @Incoming("identity-in")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        receiver.receive(NAME, record, handlers);
    }

    private void joined(CloudEvent<UserJoinedBusiness> event) {
        changes.enqueue(changes.userJoined(event.data(), event.time()), event.id(), event.ceType());
    }

    private void left(CloudEvent<UserLeftBusiness> event) {
        changes.enqueue(changes.userLeft(event.data(), event.time()), event.id(), event.ceType());
    }
}
