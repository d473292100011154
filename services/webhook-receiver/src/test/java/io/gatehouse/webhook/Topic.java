package io.gatehouse.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads what the service published, by record key, from the real broker. */
final class Topic {

    static final Duration WAIT = Duration.ofSeconds(20);
    /** Long enough for a second (wrong) record to have followed the first through the outbox relay. */
    static final Duration SETTLE = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Topic() {
    }

    static ConsumerRecord<String, String> await(KafkaCompanion companion, String topic, String key) {
        return KafkaEvents.awaitRecord(companion, topic, r -> key.equals(r.key()), WAIT);
    }

    /** The first record of one CloudEvents type under {@code key}. */
    static ConsumerRecord<String, String> await(KafkaCompanion companion, String topic, String key, String ceType) {
        return KafkaEvents.awaitRecord(companion, topic, r -> key.equals(r.key()) && ceType.equals(type(r)), WAIT);
    }

    /**
     * The distinct events (CloudEvents ids) published under {@code key}. The outbox relay delivers at least once, so
     * the same event may sit on the topic twice; a second publication would carry a second id.
     */
    static List<String> events(KafkaCompanion companion, String topic, String key) {
        return KafkaEvents.recordsWithin(companion, topic, r -> key.equals(r.key()), SETTLE).stream()
                .map(r -> KafkaEvents.header(r, "ce_id").orElseThrow())
                .distinct()
                .toList();
    }

    /** The distinct events of one CloudEvents type published under {@code key}. */
    static List<String> events(KafkaCompanion companion, String topic, String key, String ceType) {
        return KafkaEvents.recordsWithin(companion, topic, r -> key.equals(r.key()) && ceType.equals(type(r)), SETTLE).stream()
                .map(r -> KafkaEvents.header(r, "ce_id").orElseThrow())
                .distinct()
                .toList();
    }

    static String type(ConsumerRecord<String, String> record) {
        return KafkaEvents.header(record, "ce_type").orElse(null);
    }

    static JsonNode body(ConsumerRecord<String, String> record) {
        return body(record.value());
    }

    static JsonNode body(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
