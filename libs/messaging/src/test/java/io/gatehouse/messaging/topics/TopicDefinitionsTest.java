package io.gatehouse.messaging.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Plain JUnit on deploy/kafka/topics: every topic of {@link Topics#ALL} and its DLQ is declared as a Strimzi KafkaTopic
 * (partitions, replication, min.insync.replicas, DLQ retention), in the shape deploy/kafka/create-topics.sh reads.
 */
class TopicDefinitionsTest {

    private static final Path TOPICS = Path.of("../../deploy/kafka/topics");
    private static final String FOURTEEN_DAYS_MS = "1209600000";

    @Test
    void everyTopicAndItsDeadLetterTopicIsDeclared() throws IOException {
        for (String topic : Topics.ALL) {
            for (String name : List.of(topic, Topics.deadLetter(topic))) {
                Path file = TOPICS.resolve(name + ".yaml");
                assertThat(file).as(name).exists();
                String yaml = Files.readString(file);
                assertThat(yaml).as(name).contains("kind: KafkaTopic", "apiVersion: kafka.strimzi.io/");
                assertThat(value(yaml, "  topicName")).as(name).isEqualTo(name);
                assertThat(value(yaml, "  partitions")).as(name).isEqualTo("6");
                assertThat(value(yaml, "  replicas")).as(name).isEqualTo("3");
                assertThat(value(yaml, "    min.insync.replicas")).as(name).isEqualTo("2");
                if (name.endsWith(".dlq")) {
                    assertThat(value(yaml, "    retention.ms")).as(name).isEqualTo(FOURTEEN_DAYS_MS);
                }
            }
        }
    }

    @Test
    void nothingIsDeclaredThatNoServiceUses() throws IOException {
        List<String> expected = new ArrayList<>();
        Topics.ALL.forEach(topic -> expected.addAll(List.of(topic + ".yaml", Topics.deadLetter(topic) + ".yaml")));
        try (Stream<Path> files = Files.list(TOPICS)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static String value(String yaml, String key) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(key) + ": *\"?([^\"\\n]*)\"?\\s*$").matcher(yaml);
        return matcher.find() ? matcher.group(1).trim() : null;
    }
}
