package io.gatehouse.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Plain unit test: a body that breaks its schema is refused whole, and the reason names the field. */
class EventValidationTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void missingRequiredFieldIsNamed() {
        assertThatThrownBy(() -> codec.fromJson(EventType.USER_JOINED_BUSINESS, "{\"userId\":\"u1\",\"business\":\"b\"}"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("UserJoinedBusiness violates its schema")
                .hasMessageContaining("login");
    }

    @Test
    void wrongTypeIsNamed() {
        assertThatThrownBy(() -> codec.fromJson(EventType.TABLE_ADDED,
                "{\"database\":\"RAW\",\"schema\":\"S\",\"table\":\"T\",\"tableGroup\":\"g\",\"businesses\":\"b1\"}"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("businesses");
    }

    @Test
    void unknownEnumValueIsNamed() {
        InvalidEventException e = (InvalidEventException) org.junit.jupiter.api.Assertions.assertThrows(InvalidEventException.class,
                () -> codec.fromJson(EventType.SYNC_COMPLETED, "{\"connectionId\":\"c1\",\"status\":\"MAYBE\"}"));
        assertThat(e.violations()).singleElement().asString().contains("status");
    }

    @Test
    void emptyStringsAndBrokenJsonAreRefused() {
        assertThatThrownBy(() -> codec.fromJson(EventType.USER_LEFT_BUSINESS, "{\"userId\":\"\",\"login\":\"a\",\"business\":\"b\"}"))
                .hasMessageContaining("userId");
        assertThatThrownBy(() -> codec.fromJson(EventType.USER_LEFT_BUSINESS, "{\"userId\":"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> codec.fromJson(EventType.USER_LEFT_BUSINESS, ""))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void optionalFieldsMayBeNullOrAbsent() {
        GatehouseEvent event = codec.fromJson(EventType.SYNC_COMPLETED,
                "{\"connectionId\":\"c1\",\"status\":\"FAILED\",\"syncId\":null}");
        assertThat(event).isEqualTo(new SyncCompleted("c1", null, null, SyncStatus.FAILED, null));
        assertThat(codec.toJson(event)).isEqualTo("{\"connectionId\":\"c1\",\"status\":\"FAILED\"}");
    }
}
