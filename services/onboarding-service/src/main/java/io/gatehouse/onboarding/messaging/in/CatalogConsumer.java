package io.gatehouse.onboarding.messaging.in;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.TableAdded;
import io.gatehouse.messaging.inbox.EventHandlers;
import io.gatehouse.messaging.inbox.EventReceiver;
import io.gatehouse.onboarding.persistence.OnboardingRequest;
import io.gatehouse.onboarding.persistence.RequestTable;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Lists on each request the tables it brought (TableAdded on gatehouse.catalog that names the request). */
@ApplicationScoped
public class CatalogConsumer {

    private final EventReceiver receiver;
    private final EntityManager em;
    private final EventHandlers handlers;

    CatalogConsumer(EventReceiver receiver, EntityManager em) {
        this.receiver = receiver;
        this.em = em;
        this.handlers = EventHandlers.builder().on(TableAdded.class, this::added).build();
    }

    @Incoming("catalog-in")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        receiver.receive(OnboardingConsumer.CONSUMER, record, handlers);
    }

    private void added(CloudEvent<TableAdded> event) {
        String requestId = event.data().requestId();
        if (requestId != null && OnboardingRequest.findById(requestId) != null) {
            RequestTable.add(em, requestId, event.subject(), event.time());
        }
    }
}
