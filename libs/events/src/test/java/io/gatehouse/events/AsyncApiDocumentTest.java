package io.gatehouse.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plain unit test: the AsyncAPI document names every topic and event type, by reference to the schemas. */
class AsyncApiDocumentTest {

    private static JsonNode doc;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void isAsyncApi3() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
    }

    @Test
    void everyTopicIsAChannelAndNoOtherIs() {
        List<String> addresses = new ArrayList<>();
        doc.path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void everyEventTypeIsAMessageOfItsTopicsChannel() {
        for (EventType type : EventType.values()) {
            JsonNode channel = channelOf(type.topic());
            assertThat(channel.path("messages").has(type.eventName())).as(type + " in " + type.topic()).isTrue();
            JsonNode message = doc.path("components").path("messages").path(type.eventName());
            assertThat(message.path("payload").path("schema").path("$ref").asText()).isEqualTo(type.schemaResource());
            assertThat(message.path("headers").path("properties").path("ce_type").path("const").asText()).isEqualTo(type.ceType());
            assertThat(message.path("headers").path("required")).extracting(JsonNode::asText)
                    .contains("ce_id", "ce_source", "ce_type", "ce_specversion");
            assertThat(message.path("bindings").path("kafka").has("key")).isTrue();
        }
    }

    @Test
    void channelsCarryOnlyTheirTopicsTypes() {
        Set<String> documented = new HashSet<>();
        doc.path("channels").forEach(c -> c.path("messages").fieldNames().forEachRemaining(m -> {
            EventType type = EventType.valueOf(constantName(m));
            assertThat(type.topic()).isEqualTo(c.path("address").asText());
            documented.add(m);
        }));
        assertThat(documented).hasSize(EventType.values().length);
    }

    @Test
    void referencedSchemasExist() {
        doc.path("components").path("messages").forEach(m -> {
            String ref = m.path("payload").path("schema").path("$ref").asText();
            assertThat(getClass().getClassLoader().getResource(ref)).as(ref).isNotNull();
        });
    }

    private static JsonNode channelOf(String topic) {
        for (JsonNode c : doc.path("channels")) {
            if (c.path("address").asText().equals(topic)) {
                return c;
            }
        }
        throw new AssertionError("no channel for " + topic);
    }

    private static String constantName(String eventName) {
        return eventName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
    }
}
