package io.gatehouse.messaging.inbox;

import io.gatehouse.events.CloudEventHeaders;
import io.gatehouse.events.EventType;
import io.gatehouse.messaging.deadletter.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The failure strategy of every Gatehouse consumer ({@code failure-strategy=gatehouse}): SmallRye's dead-letter
 * queue, with the consuming group and channel added to the record ({@code dead-letter-consumer},
 * {@code dead-letter-channel}) because several services read one topic and share its {@code <topic>.dlq}, and each
 * record is also kept in the service's own {@code dead_letter} table for operators ({@code /dead-letters}). A record
 * whose consumer stopped while it waited for an outage, or that arrived once the service began to stop
 * ({@link ConsumerStoppedException}), is not dead-lettered: the channel stops without committing it, and the record
 * is consumed again by the instance that takes the partition over, or after the restart.
 */
@ApplicationScoped
@Identifier(DeadLetterStrategy.NAME)
public class DeadLetterStrategy implements KafkaFailureHandler.Factory {

    public static final String NAME = "gatehouse";
    public static final String CONSUMER_HEADER = "dead-letter-consumer";
    public static final String CHANNEL_HEADER = "dead-letter-channel";

    private final KafkaFailureHandler.Factory deadLetterQueue;
    private final DeadLetters deadLetters;
    private final MeterRegistry registry;

    DeadLetterStrategy(@Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE) KafkaFailureHandler.Factory deadLetterQueue,
            DeadLetters deadLetters, MeterRegistry registry) {
        this.deadLetterQueue = deadLetterQueue;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx, KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler dlq = deadLetterQueue.create(config, vertx, consumer, reportFailure);
        String group = config.getGroupId().orElse(config.getChannel());
        String channel = config.getChannel();
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (stopped(reason)) {
                    reportFailure.accept(reason, true); // as the "fail" strategy does: the channel stops here
                    return Uni.createFrom().failure(reason);
                }
                RecordHeaders headers = new RecordHeaders();
                headers.add(CONSUMER_HEADER, group.getBytes(StandardCharsets.UTF_8));
                headers.add(CHANNEL_HEADER, channel.getBytes(StandardCharsets.UTF_8));
                Metadata withConsumer = (metadata == null ? Metadata.empty() : metadata)
                        .with(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build());
                // Recorded for operators first (blocking, so on a worker thread); the topic copy goes out either way.
                return Uni.createFrom().item(record)
                        .invoke(r -> recordQuietly(group, channel, r, reason))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .chain(r -> dlq.handle(r, reason, withConsumer));
            }

            @Override
            public void terminate() {
                dlq.terminate();
            }
        };
    }

    private void recordQuietly(String group, String channel, IncomingKafkaRecord<?, ?> record, Throwable reason) {
        count(group, record);
        try {
            deadLetters.record(group, channel, record, reason);
        } catch (RuntimeException e) {
            // The copy on <topic>.dlq still holds the record; operators find it there.
            Log.errorf("could not record dead-lettered %s-%d@%d for %s: %s", record.getTopic(), record.getPartition(),
                    record.getOffset(), group, e.toString());
        }
    }

    /**
     * Counted with the consumer's other outcomes ({@code gatehouse.events.consumed}, see {@link EventReceiver}) as
     * {@code dead_lettered}. The type tag is a known Gatehouse type or {@code unknown}: a record's header is whatever a
     * producer wrote, and a tag taken from it as it is could grow without bound.
     */
    private void count(String group, IncomingKafkaRecord<?, ?> record) {
        Header type = record.getHeaders().lastHeader(CloudEventHeaders.TYPE);
        String ceType = type == null || type.value() == null ? null : new String(type.value(), StandardCharsets.UTF_8);
        registry.counter("gatehouse.events.consumed", "consumer", group,
                "type", EventType.ofCeType(ceType).map(EventType::ceType).orElse("unknown"),
                "outcome", EventReceiver.DEAD_LETTERED).increment();
    }

    private static boolean stopped(Throwable reason) {
        for (Throwable t = reason; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConsumerStoppedException) {
                return true;
            }
        }
        return false;
    }
}
