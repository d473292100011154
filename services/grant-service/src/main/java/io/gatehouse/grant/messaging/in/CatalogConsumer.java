package io.gatehouse.grant.messaging.in;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.TableAdded;
import io.gatehouse.events.TableRemoved;
import io.gatehouse.grant.service.DesiredChanges;
import io.gatehouse.messaging.inbox.EventHandlers;
import io.gatehouse.messaging.inbox.EventReceiver;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Tables joining and leaving their groups; refused names go to gatehouse.catalog.dlq with the reason. */
@ApplicationScoped
public class CatalogConsumer {

    public static final String NAME = "grant-service-catalog";

    private final EventReceiver receiver;
    private final DesiredChanges changes;
    private final EventHandlers handlers;

    CatalogConsumer(EventReceiver receiver, DesiredChanges changes) {
        this.receiver = receiver;
        this.changes = changes;
        this.handlers = EventHandlers.builder()
                .on(TableAdded.class, this::added)
                .on(TableRemoved.class, this::removed)
                .build();
    }

    @Incoming("catalog-in")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        receiver.receive(NAME, record, handlers);
    }

    private void added(CloudEvent<TableAdded> event) {
        changes.enqueue(changes.tableAdded(event.data()), event.id(), event.ceType());
    }

    private void removed(CloudEvent<TableRemoved> event) {
        changes.enqueue(changes.tableRemoved(event.data()), event.id(), event.ceType());
    }
}
