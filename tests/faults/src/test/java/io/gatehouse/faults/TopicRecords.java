package io.gatehouse.faults;

import io.gatehouse.events.CloudEventHeaders;
import io.gatehouse.events.EventType;
import io.gatehouse.events.Topics;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every record on the event topics, read from the start as an outside consumer would: which event ids exist of
 * which type, and what the GrantsApplied among them say. A record published twice under one event id (an outbox
 * relay's takeover may do that) counts once: inboxes absorb it; two event ids saying the same is a duplicate.
 */
final class TopicRecords {

    /** event id to CloudEvents type, over every topic. */
    final Map<String, String> typeOf = new HashMap<>();
    /** GrantsApplied bodies, one per event id. */
    private final Map<String, String> grantsApplied = new LinkedHashMap<>();

    TopicRecords(KafkaCompanion companion) {
        // each topic read for a few seconds past its end; the topics side by side
        List<ConsumerRecord<String, String>> records = Topics.ALL.parallelStream()
                .flatMap(topic -> KafkaEvents.recordsWithin(companion, topic, r -> true, Duration.ofSeconds(5)).stream())
                .toList();
        for (ConsumerRecord<String, String> record : records) {
            String id = KafkaEvents.header(record, CloudEventHeaders.ID).orElseThrow();
            String type = KafkaEvents.header(record, CloudEventHeaders.TYPE).orElseThrow();
            typeOf.put(id, type);
            if (type.equals(EventType.GRANTS_APPLIED.ceType())) {
                grantsApplied.put(id, record.value());
            }
        }
    }

    /** The distinct event ids of the given types. */
    Set<String> idsOf(Set<String> types) {
        return typeOf.entrySet().stream().filter(e -> types.contains(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    int grantsAppliedCount() {
        return grantsApplied.size();
    }

    /**
     * Statements published more than once for the same cause and role, under different GrantsApplied ids: a change
     * announced twice. Keyed by "cause role statement", with how many GrantsApplied carry it.
     */
    Map<String, Long> grantsAppliedTwice() {
        Map<String, List<String>> byCauseAndRole = new TreeMap<>();
        grantsApplied.values().forEach(body -> {
            JsonPath json = JsonPath.from(body);
            byCauseAndRole.computeIfAbsent(json.getString("causeEventId") + " " + json.getString("role"), k -> new ArrayList<>())
                    .addAll(json.getList("statements", String.class));
        });
        Map<String, Long> twice = new TreeMap<>();
        byCauseAndRole.forEach((key, statements) -> statements.stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()))
                .forEach((statement, n) -> {
                    if (n > 1) {
                        twice.put(key + " " + statement, n);
                    }
                }));
        return twice;
    }
}
