package io.gatehouse.connector.messaging.in;

import io.gatehouse.connector.service.ConnectorRequests;
import io.gatehouse.events.ConnectorBroken;
import io.gatehouse.events.ConnectorHealthy;
import io.gatehouse.events.SyncCompleted;
import io.gatehouse.events.SyncStatus;
import io.gatehouse.messaging.inbox.EventHandlers;
import io.gatehouse.messaging.inbox.EventReceiver;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * gatehouse.fivetran: a successful sync asks for the tables to be announced (and heals a broken connection); a broken
 * connector waits in BROKEN; ConnectorHealthy ({@code connection_successful}) heals a broken one too. SyncCompleted
 * carries no time of the sync: its CloudEvents time is recorded as the last
 * success seen, so the sync poller does not announce it again.
 */
@ApplicationScoped
public class FivetranConsumer {

    /** The same inbox name as {@link OnboardingConsumer#NAME}: the inbox rows written so far carry it. */
    public static final String NAME = OnboardingConsumer.NAME;

    private final EventReceiver receiver;
    private final EventHandlers handlers;

    FivetranConsumer(EventReceiver receiver, ConnectorRequests requests) {
        this.receiver = receiver;
        this.handlers = EventHandlers.builder()
                .on(SyncCompleted.class, e -> {
                    if (e.data().status() == SyncStatus.SUCCESSFUL) {
                        requests.syncSucceeded(e.data().connectionId(), e.time());
                    }
                })
                .on(ConnectorBroken.class, e -> requests.broken(e.data().connectionId(), e.data().fivetranEvent(),
                        e.data().reason()))
                .on(ConnectorHealthy.class, e -> requests.healthy(e.data().connectionId()))
                .build();
    }

    @Incoming("fivetran-in")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        receiver.receive(NAME, record, handlers);
    }
}
