package io.gatehouse.identity.scim;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.events.Topics;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What reached gatehouse.identity: each record as its JSON body plus {@code type} (from ce_type) and {@code key}. */
public final class IdentityTopic {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IdentityTopic() {
    }

    /** Waits until {@code count} records are keyed by {@code userId} and returns them (more would fail later checks). */
    public static List<JsonNode> await(KafkaCompanion kafka, String userId, int count) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> read(kafka, r -> userId.equals(r.key()), Duration.ofMillis(500)), l -> l.size() >= count);
    }

    /** Everything on the topic whose key or body matches, read for a window longer than the outbox relay's poll. */
    public static List<JsonNode> settled(KafkaCompanion kafka, Predicate<ConsumerRecord<String, String>> match) {
        return read(kafka, match, Duration.ofSeconds(3));
    }

    public static List<JsonNode> read(KafkaCompanion kafka, Predicate<ConsumerRecord<String, String>> match,
            Duration window) {
        return KafkaEvents.recordsWithin(kafka, Topics.IDENTITY, match, window).stream().map(IdentityTopic::node).toList();
    }

    /** "joined finance as ADA" / "left finance as ADA", for compact assertions. */
    public static String change(JsonNode event) {
        String type = event.path("type").asText();
        return (type.contains("UserJoinedBusiness") ? "joined " : type.contains("UserLeftBusiness") ? "left " : type + " ")
                + event.path("business").asText() + " as " + event.path("login").asText();
    }

    private static JsonNode node(ConsumerRecord<String, String> record) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(record.value());
            node.put("type", KafkaEvents.header(record, "ce_type").orElse(""));
            node.put("key", record.key());
            node.put("time", KafkaEvents.header(record, "ce_time").orElse(""));
            return node;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
