package io.gatehouse.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Plain unit test: each record and its checked-in schema describe the same fields. */
class EventSchemaDriftTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void recordAndSchemaAgree(EventType type) {
        assertThat(SchemaDrift.differences(type.recordType(), Schemas.of(type))).isEmpty();
    }

    /** A field added to the schema only, or made optional in one place only, is caught. */
    @Test
    void driftIsCaught() {
        ObjectNode schema = Schemas.of(EventType.USER_JOINED_BUSINESS).deepCopy();
        ((ObjectNode) schema.get("properties")).putObject("department").put("type", "string");
        assertThat(SchemaDrift.differences(UserJoinedBusiness.class, schema))
                .containsExactly("fields in the schema, not the record: [department]");

        ObjectNode optional = Schemas.of(EventType.SYNC_COMPLETED).deepCopy();
        optional.withArray("required").add("syncId");
        assertThat(SchemaDrift.differences(SyncCompleted.class, optional))
                .anySatisfy(d -> assertThat(d).contains("required differs"));
    }

    record UserJoinedBusinessWithExtra(String userId, String login, String business, String department) {
    }

    @Test
    void aFieldAddedToTheRecordOnlyIsCaught() {
        assertThat(SchemaDrift.differences(UserJoinedBusinessWithExtra.class, Schemas.of(EventType.USER_JOINED_BUSINESS)))
                .contains("fields in the record, not the schema: [department]");
    }

    @Test
    void everyTypeHasItsOwnSchemaTitleAndCeType() {
        for (EventType type : EventType.values()) {
            assertThat(Schemas.of(type).path("title").asText()).isEqualTo(type.eventName());
            assertThat(EventType.ofCeType(type.ceType())).contains(type);
            assertThat(type.ceType()).matches("gatehouse\\.[A-Za-z]+\\.v1");
            assertThat(Topics.ALL).contains(type.topic());
        }
    }
}
