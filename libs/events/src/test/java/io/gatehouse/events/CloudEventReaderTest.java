package io.gatehouse.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain unit test: binary-mode headers plus body become a typed event, or a reason. */
class CloudEventReaderTest {

    private final CloudEventReader reader = new CloudEventReader(new EventCodec());

    private static Map<String, String> headers(String ceType) {
        Map<String, String> h = new HashMap<>();
        h.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        h.put(CloudEventHeaders.ID, "e-1");
        h.put(CloudEventHeaders.SOURCE, "/hr");
        h.put(CloudEventHeaders.TYPE, ceType);
        h.put(CloudEventHeaders.TIME, "2026-11-23T10:15:30.123456Z");
        return h;
    }

    @Test
    void dispatchesOnCeType() {
        CloudEvent<GatehouseEvent> event = reader.read(headers("gatehouse.UserLeftBusiness.v1"),
                "{\"userId\":\"u1\",\"login\":\"ada\",\"business\":\"b\"}");
        assertThat(event.data()).isEqualTo(new UserLeftBusiness("u1", "ada", "b"));
        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123456Z"));
        assertThat(event.subject()).isEqualTo("u1");
        assertThat(event.topic()).isEqualTo(Topics.IDENTITY);
    }

    @Test
    void unknownTypeMissingHeadersAndBadTimeAreRefused() {
        assertThatThrownBy(() -> reader.read(headers("gatehouse.UserPromoted.v1"), "{}"))
                .isInstanceOf(InvalidEventException.class).hasMessage("unknown ce_type 'gatehouse.UserPromoted.v1'");
        Map<String, String> noId = headers("gatehouse.UserLeftBusiness.v1");
        noId.remove(CloudEventHeaders.ID);
        assertThatThrownBy(() -> reader.read(noId, "{}")).hasMessageContaining("header ce_id is missing");
        Map<String, String> badTime = headers("gatehouse.UserLeftBusiness.v1");
        badTime.put(CloudEventHeaders.TIME, "yesterday");
        assertThatThrownBy(() -> reader.read(badTime, "{\"userId\":\"u1\",\"login\":\"ada\",\"business\":\"b\"}"))
                .hasMessageContaining("ce_time");
    }

    @Test
    void newEventsCarryTheirStreamKeyAsSubject() {
        CloudEvent<TableAdded> event = CloudEvent.of("/catalog", new TableAdded("RAW", "S", "T", "g", java.util.List.of(), null, null));
        assertThat(event.subject()).isEqualTo("RAW.S.T");
        assertThat(event.ceType()).isEqualTo("gatehouse.TableAdded.v1");
        assertThat(event.id()).hasSize(36);
    }
}
