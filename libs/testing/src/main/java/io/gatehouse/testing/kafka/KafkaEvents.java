package io.gatehouse.testing.kafka;

import static org.awaitility.Awaitility.await;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.CloudEventHeaders;
import io.gatehouse.events.EventCodec;
import io.gatehouse.events.GatehouseEvent;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Test helpers to put CloudEvents on Kafka as an outside producer would, and to find records by content. */
public final class KafkaEvents {

    private static final EventCodec CODEC = new EventCodec();

    private KafkaEvents() {
    }

    /** A binary-mode CloudEvent record, exactly as the AsyncAPI document tells producers to write it. */
    public static ProducerRecord<String, String> record(CloudEvent<? extends GatehouseEvent> event) {
        return raw(event.topic(), event.subject(), event.id(), event.ceType(), CODEC.toJson(event.data()));
    }

    /**
     * The same with the event's {@code ce_time}: what orders membership facts per (user, business), so tests of late
     * and replayed events state it.
     */
    public static ProducerRecord<String, String> timedRecord(CloudEvent<? extends GatehouseEvent> event) {
        ProducerRecord<String, String> record = record(event);
        record.headers().add(CloudEventHeaders.TIME, bytes(event.time().toString()));
        return record;
    }

    /** A record with free-form type and body, for testing what consumers do with bad input. */
    public static ProducerRecord<String, String> raw(String topic, String key, String id, String ceType, String body) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEvent.SPEC_VERSION));
        headers.add(CloudEventHeaders.ID, bytes(id));
        headers.add(CloudEventHeaders.SOURCE, bytes("/tests"));
        headers.add(CloudEventHeaders.TYPE, bytes(ceType));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        return new ProducerRecord<>(topic, null, key, body, headers);
    }

    public static void send(KafkaCompanion companion, ProducerRecord<String, String> record) {
        companion.produceStrings().fromRecords(record).awaitCompletion(Duration.ofSeconds(30));
    }

    /** Reads the topic from the start until a record matches, or fails after {@code timeout}. */
    public static ConsumerRecord<String, String> awaitRecord(KafkaCompanion companion, String topic,
            Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        ConsumerTask<String, String> task = companion.consumeStrings().fromTopics(topic);
        try {
            return await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> task.getRecords().stream().filter(match).findFirst(), Optional::isPresent)
                    .orElseThrow();
        } finally {
            task.stop();
        }
    }

    /** All records of a topic from the start that match, read for {@code window}. */
    public static List<ConsumerRecord<String, String>> recordsWithin(KafkaCompanion companion, String topic,
            Predicate<ConsumerRecord<String, String>> match, Duration window) {
        ConsumerTask<String, String> task = companion.consumeStrings().fromTopics(topic, window);
        try {
            return task.awaitCompletion(window.plusSeconds(30)).getRecords().stream().filter(match).toList();
        } finally {
            task.stop();
        }
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
