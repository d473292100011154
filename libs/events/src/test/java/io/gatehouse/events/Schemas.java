package io.gatehouse.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the checked-in schemas from the classpath, as consumers of the jar see them. */
final class Schemas {

    private Schemas() {
    }

    static JsonNode of(EventType type) {
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            return EventCodec.newMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
