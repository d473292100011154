package io.gatehouse.messaging.inbox;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.CloudEventReader;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.InvalidEventException;
import io.gatehouse.messaging.deadletter.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.gatehouse.messaging.persistence.DatabaseFailure;
import io.gatehouse.retry.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one way a service takes an event off Kafka: read the CloudEvent (or refuse it), dispatch on its
 * type, and apply it at most once per consumer, in one transaction with the inbox row.
 *
 * <p>Whatever this throws nacks the record; with the libraries' {@code failure-strategy=gatehouse} the record
 * lands unchanged on {@code <topic>.dlq} with the reason in {@code dead-letter-reason} and the consumer in
 * {@code dead-letter-consumer} (see {@link DeadLetterStrategy}). Call it from a blocking {@code @Incoming} method
 * that is not itself transactional.
 */
@ApplicationScoped
public class EventReceiver {

    /** Retries of one record in place: quick at first, then every half minute at most while an outage lasts. */
    private static final Backoff RETRY_BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));

    private final CloudEventReader reader;
    private final Inbox inbox;
    private final MeterRegistry registry;
    private final ConsumerHealth health;
    private final ShutdownSignal shutdown;
    /**
     * The service's consumer group (Quarkus names it after the application), which {@link DeadLetterStrategy} records as
     * the consumer of a dead letter and a replay is addressed to. A consumer's own name may differ from it (the
     * grant-service's identity and catalog consumers keep apart in one inbox); the replayed record comes back on its own
     * topic, which in one service only one channel reads, so the group alone picks the consumer that failed.
     */
    private final String group;

    EventReceiver(CloudEventReader reader, Inbox inbox, MeterRegistry registry, ConsumerHealth health, ShutdownSignal shutdown,
                  @ConfigProperty(name = "quarkus.application.name") String group) {
        this.group = group;
        this.reader = reader;
        this.inbox = inbox;
        this.registry = registry;
        this.health = health;
        this.shutdown = shutdown;
    }

    public Outcome receive(String consumer, ConsumerRecord<String, String> record, EventHandlers handlers) {
        if (shutdown.raised()) {
            // fetched before the stop began: left uncommitted for the next consumer of the partition
            throw new ConsumerStoppedException(consumer, null);
        }
        Map<String, String> headers = headersOf(record);
        CloudEvent<GatehouseEvent> event;
        try {
            event = reader.read(headers, record.value());
        } catch (InvalidEventException e) {
            count(consumer, "unknown", Outcome.INVALID);
            throw e;
        }
        Optional<Consumer<CloudEvent<GatehouseEvent>>> handler = handlers.handlerOf(event.type());
        String replayFor = headers.get(DeadLetters.REPLAY_FOR);
        if (handler.isEmpty() || (replayFor != null && !replayFor.equals(group) && !replayFor.equals(consumer))) {
            // a replay is for the consumer that dead-lettered the record only
            return count(consumer, event.ceType(), Outcome.IGNORED);
        }
        boolean applied = applyOnce(consumer, event, handler.get());
        return count(consumer, event.ceType(), applied ? Outcome.APPLIED : Outcome.DUPLICATE);
    }

    /**
     * Inbox row and effect in one transaction. A passing conflict with another writer or an outage of the database
     * is tried again in place, with capped back-off, for as long as it lasts: the record is neither committed past
     * nor dead-lettered, so nothing consumed during a failover is lost. Only a failure of the event itself leaves.
     */
    private boolean applyOnce(String consumer, CloudEvent<GatehouseEvent> event, Consumer<CloudEvent<GatehouseEvent>> handler) {
        for (int attempt = 1; ; attempt++) {
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                    if (!inbox.firstDelivery(consumer, event.id())) {
                        return false;
                    }
                    handler.accept(event);
                    return true;
                });
                health.recovered(consumer);
                return applied;
            } catch (RuntimeException e) {
                if (shutdown.raised()) {
                    // the database or the transaction manager closed under this record: not the event's fault
                    throw new ConsumerStoppedException(consumer, e);
                }
                DatabaseFailure kind = DatabaseFailure.of(e);
                if (kind == DatabaseFailure.PERMANENT) {
                    throw e;
                }
                registry.counter("gatehouse.events.retried", "consumer", consumer, "type", event.ceType(),
                        "reason", kind.name().toLowerCase()).increment();
                if (kind == DatabaseFailure.OUTAGE) {
                    health.retrying(consumer, attempt, e);
                    if (attempt == 1 || attempt % 10 == 0) {
                        Log.warnf("%s: database unavailable, retrying event %s (attempt %d): %s", consumer, event.id(),
                                attempt, e.toString());
                    }
                }
                pause(consumer, RETRY_BACKOFF.delay(attempt), e);
            }
        }
    }

    private static void pause(String consumer, Duration delay, RuntimeException waitingFor) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerStoppedException(consumer, waitingFor);
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
    /** The {@code outcome} tag of {@code gatehouse.events.consumed} for a record the consumer gave up on. */
    public static final String DEAD_LETTERED = "dead_lettered";

    public enum Outcome {
        APPLIED,
        DUPLICATE,
        IGNORED,
        INVALID
    }
}
