package io.gatehouse.messaging.inbox;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.CloudEventReader;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.InvalidEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The one way a service takes an event off Kafka: read the CloudEvent (or refuse it), dispatch on its
 * type, and apply it at most once per consumer, in one transaction with the inbox row.
 *
 * <p>Whatever this throws nacks the record; with {@code failure-strategy=dead-letter-queue} the record
 * lands unchanged on {@code <topic>.dlq} with the reason in {@code dead-letter-reason}. Call it from a
 * blocking {@code @Incoming} method that is not itself transactional.
 */
@ApplicationScoped
public class EventReceiver {

    /** Tries of one event when the database reports a passing conflict. */
    static final int TRANSIENT_ATTEMPTS = 5;

    private final CloudEventReader reader;
    private final Inbox inbox;
    private final MeterRegistry registry;

    EventReceiver(CloudEventReader reader, Inbox inbox, MeterRegistry registry) {
        this.reader = reader;
        this.inbox = inbox;
        this.registry = registry;
    }

    public Outcome receive(String consumer, ConsumerRecord<String, String> record, EventHandlers handlers) {
        CloudEvent<GatehouseEvent> event;
        try {
            event = reader.read(headersOf(record), record.value());
        } catch (InvalidEventException e) {
            count(consumer, "unknown", Outcome.INVALID);
            throw e;
        }
        Optional<Consumer<CloudEvent<GatehouseEvent>>> handler = handlers.handlerOf(event.type());
        if (handler.isEmpty()) {
            return count(consumer, event.ceType(), Outcome.IGNORED);
        }
        boolean applied = applyOnce(consumer, event, handler.get());
        return count(consumer, event.ceType(), applied ? Outcome.APPLIED : Outcome.DUPLICATE);
    }

    /**
     * Inbox row and effect in one transaction, tried again (with a short back-off) when the database had a
     * passing conflict, so a race with another writer does not park a good event in the dead-letter topic.
     */
    private boolean applyOnce(String consumer, CloudEvent<GatehouseEvent> event, Consumer<CloudEvent<GatehouseEvent>> handler) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (!inbox.firstDelivery(consumer, event.id())) {
                        return false;
                    }
                    handler.accept(event);
                    return true;
                });
            } catch (RuntimeException e) {
                if (attempt >= TRANSIENT_ATTEMPTS || !TransientFailures.isTransient(e)) {
                    throw e;
                }
                registry.counter("gatehouse.events.retried", "consumer", consumer, "type", event.ceType()).increment();
                pause(50L << attempt);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an event", e);
        }
    }

    private Outcome count(String consumer, String type, Outcome outcome) {
        registry.counter("gatehouse.events.consumed", "consumer", consumer, "type", type,
                "outcome", outcome.name().toLowerCase()).increment();
        return outcome;
    }

    /** Last value wins, as a Kafka header read by name would. */
    static Map<String, String> headersOf(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    /** What happened to one record. */
    public enum Outcome {
        APPLIED,
        DUPLICATE,
        IGNORED,
        INVALID
    }
}
