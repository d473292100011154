package io.gatehouse.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * JSON of event bodies. Reading validates against the checked-in schema before binding, so a body that
 * breaks its contract is refused whole, with every violation named.
 */
public final class EventCodec {

    private final ObjectMapper mapper;
    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    public EventCodec() {
        this.mapper = newMapper();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (EventType type : EventType.values()) {
            schemas.put(type, factory.getSchema(readSchema(type)));
        }
    }

    /** The mapper used for event bodies: ISO-8601 instants, nulls left out, unknown fields tolerated. */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    public String toJson(GatehouseEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.eventType().eventName(), e);
        }
    }

    /** Reads a body of the given type, refusing it if it is not JSON or violates the type's schema. */
    public GatehouseEvent fromJson(EventType type, String json) {
        JsonNode body;
        try {
            body = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(type.eventName() + " body is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || body.isMissingNode()) {
            throw new InvalidEventException(type.eventName() + " body is empty");
        }
        List<String> violations = violations(type, body);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(type.eventName() + " violates its schema", violations);
        }
        try {
            return mapper.treeToValue(body, type.recordType());
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(type.eventName() + " cannot be read: " + e.getOriginalMessage());
        }
    }

    /** Schema violations of a body, each naming its field (e.g. {@code $.login: is missing but it is required}). */
    public List<String> violations(EventType type, JsonNode body) {
        return schemas.get(type).validate(body).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    private static InputStream readSchema(EventType type) {
        InputStream in = EventCodec.class.getClassLoader().getResourceAsStream(type.schemaResource());
        if (in == null) {
            throw new UncheckedIOException(new IOException("schema missing from the classpath: " + type.schemaResource()));
        }
        return in;
    }
}
