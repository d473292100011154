package io.gatehouse.messaging.outbox;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.EventCodec;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.messaging.config.MessagingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Publishes events the only safe way: as rows written in the caller's transaction. If the transaction
 * rolls back, the event never existed; if it commits, {@link OutboxRelay} delivers it, even after a crash.
 */
@ApplicationScoped
public class Outbox {

    private final MessagingConfig config;
    private final EventCodec codec;
    private final Event<OutboxWritten> written;

    Outbox(MessagingConfig config, EventCodec codec, Event<OutboxWritten> written) {
        this.config = config;
        this.codec = codec;
        this.written = written;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public <T extends GatehouseEvent> CloudEvent<T> publish(T event) {
        return write(CloudEvent.of(config.source(), event));
    }

    /**
     * As {@link #publish(GatehouseEvent)}, with the event time the caller chose: for a stream whose consumers order
     * changes by event time, a producer running as several instances (several clocks) hands out each key's times itself.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T extends GatehouseEvent> CloudEvent<T> publish(T event, Instant time) {
        return write(new CloudEvent<>(UUID.randomUUID().toString(), config.source(), time, event));
    }

    private <T extends GatehouseEvent> CloudEvent<T> write(CloudEvent<T> cloudEvent) {
        T event = cloudEvent.data();
        OutboxEvent row = new OutboxEvent();
        row.id = cloudEvent.id();
        row.topic = cloudEvent.topic();
        row.recordKey = cloudEvent.subject();
        row.ceType = cloudEvent.ceType();
        row.ceSource = cloudEvent.source();
        row.ceTime = cloudEvent.time();
        row.payload = codec.toJson(event);
        row.createdAt = Instant.now();
        row.persist();
        written.fire(new OutboxWritten());
        return cloudEvent;
    }
}
