package io.gatehouse.messaging.deadletter;

import io.gatehouse.errors.ConflictException;
import io.gatehouse.errors.NotFoundException;
import io.gatehouse.events.CloudEventHeaders;
import io.gatehouse.messaging.outbox.OutboxRelay;
import io.gatehouse.messaging.persistence.Columns;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Dead-lettered records as operators see them: recorded when a consumer gives up on a record (besides the copy on
 * {@code <topic>.dlq}), listed and inspected per consumer, and replayed after the cause is fixed. A replay sends the
 * same record (same CloudEvents id) to its topic again, addressed to the consumer that failed
 * ({@link #REPLAY_FOR}): every other consumer of the topic ignores it, and the failed one applies it at most once
 * through its inbox.
 */
@ApplicationScoped
public class DeadLetters {

    /** Header naming the only consumer a replayed record is for. */
    public static final String REPLAY_FOR = "gatehouse-replay-for";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<String> emitter;

    DeadLetters(@Channel(OutboxRelay.CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Records a record the consumer gave up on; a redelivered copy of the same record is recorded once. */
    public void record(String consumer, String channel, IncomingKafkaRecord<?, ?> record, Throwable reason) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.getHeaders()) {
            if (h.value() != null) {
                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        QuarkusTransaction.requiringNew().run(() -> {
            if (DeadLetter.known(consumer, record.getTopic(), record.getPartition(), record.getOffset())) {
                return;
            }
            DeadLetter letter = new DeadLetter();
            letter.consumer = consumer;
            letter.channel = channel;
            letter.topic = record.getTopic();
            letter.partitionNo = record.getPartition();
            letter.recordOffset = record.getOffset();
            letter.recordKey = record.getKey() == null ? null : String.valueOf(record.getKey());
            letter.eventId = headers.get(CloudEventHeaders.ID);
            letter.ceType = headers.get(CloudEventHeaders.TYPE);
            letter.headers = headers;
            letter.payload = record.getPayload() == null ? null : String.valueOf(record.getPayload());
            letter.reason = Columns.error(String.valueOf(reason.getMessage() == null ? reason : reason.getMessage()));
            letter.recordedAt = Instant.now();
            letter.persist();
        });
    }

    public List<DeadLetter> list(String consumer, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> DeadLetter.page(consumer, limit));
    }

    public DeadLetter get(long id) {
        return QuarkusTransaction.requiringNew().call(() -> DeadLetter.<DeadLetter>findByIdOptional(id))
                .orElseThrow(() -> new NotFoundException("No dead-lettered record " + id + "."));
    }

    /** Sends the record to its topic again for the consumer that failed; blocks until the broker acknowledged it. */
    public DeadLetter replay(long id) {
        DeadLetter letter = get(id);
        if (letter.eventId == null) {
            throw new ConflictException("Dead-lettered record " + id + " has no CloudEvents id: replaying it cannot be "
                    + "applied once. Fix it at its producer instead.");
        }
        RecordHeaders headers = new RecordHeaders();
        letter.headers.forEach((name, value) -> {
            if (!name.startsWith("dead-letter") && !name.equals(REPLAY_FOR)) {
                headers.add(name, value.getBytes(StandardCharsets.UTF_8));
            }
        });
        headers.add(REPLAY_FOR, letter.consumer.getBytes(StandardCharsets.UTF_8));
        emitter.sendMessage(Message.of(letter.payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(letter.topic).withKey(letter.recordKey).withHeaders(headers).build()))
                .await().atMost(SEND_TIMEOUT);
        Log.infof("replayed dead-lettered record %d (event %s) to %s for %s", id, letter.eventId, letter.topic, letter.consumer);
        return QuarkusTransaction.requiringNew().call(() -> {
            DeadLetter current = DeadLetter.findById(id);
            current.replays++;
            current.replayedAt = Instant.now();
            return current;
        });
    }
}
