package io.gatehouse.webhook.messaging.in;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.ConnectCardIssued;
import io.gatehouse.messaging.inbox.EventHandlers;
import io.gatehouse.messaging.inbox.EventReceiver;
import io.gatehouse.webhook.persistence.ConnectCardBinding;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns which Fivetran connection each onboarding request's Connect Card belongs to. The redirect state binds
 * only the request id (the connection is created with the redirect URI, so its id cannot be inside), so the
 * return page needs this table to ask Fivetran about the right connection.
 */
@ApplicationScoped
public class ConnectCardIssuedConsumer {

    public static final String NAME = "webhook-receiver";
    public static final String CHANNEL = "onboarding-events";

    private final EventReceiver receiver;
    private final EventHandlers handlers;

    ConnectCardIssuedConsumer(EventReceiver receiver) {
        this.receiver = receiver;
        this.handlers = EventHandlers.builder().on(ConnectCardIssued.class, this::issued).build();
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        receiver.receive(NAME, record, handlers);
    }

    /** A reissued card replaces the binding; an older event arriving late (a DLQ replay) does not. */
    private void issued(CloudEvent<ConnectCardIssued> event) {
        ConnectCardIssued card = event.data();
        ConnectCardBinding binding = ConnectCardBinding.findById(card.requestId());
        if (binding == null) {
            binding = new ConnectCardBinding();
            binding.requestId = card.requestId();
        } else if (event.time().isBefore(binding.issuedAt)) {
            return;
        }
        binding.connectionId = card.connectionId();
        binding.connectCardUri = card.connectCardUri();
        binding.expiresAt = card.expiresAt();
        binding.issuedAt = event.time();
        binding.updatedAt = Instant.now();
        binding.persist();
    }
}
