package io.gatehouse.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Plain unit test: every example in the schemas validates and round-trips JSON -> record -> JSON unchanged. */
class EventExamplesTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final ObjectMapper MAPPER = EventCodec.newMapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void examplesValidateAndRoundTrip(EventType type) throws Exception {
        JsonNode examples = Schemas.of(type).path("examples");
        assertThat(examples.size()).as("examples of " + type).isPositive();
        for (JsonNode example : examples) {
            assertThat(CODEC.violations(type, example)).isEmpty();

            GatehouseEvent event = CODEC.fromJson(type, example.toString());
            assertThat(event).isInstanceOf(type.recordType());
            assertThat(event.eventType()).isEqualTo(type);

            JsonNode back = MAPPER.readTree(CODEC.toJson(event));
            assertThat(back).isEqualTo(example);
            assertThat(CODEC.fromJson(type, back.toString())).isEqualTo(event);
        }
    }
}
