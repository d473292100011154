package io.gatehouse.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope around an event. {@code id} is the idempotency key consumers record;
 * {@code subject} is the stream key, which is also the Kafka record key.
 */
public record CloudEvent<T extends GatehouseEvent>(String id, String source, Instant time, T data) {

    public static final String SPEC_VERSION = "1.0";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** A new event from {@code source} (a URI reference such as {@code /gatehouse/onboarding-service}). */
    public static <T extends GatehouseEvent> CloudEvent<T> of(String source, T data) {
        return new CloudEvent<>(UUID.randomUUID().toString(), source, Instant.now().truncatedTo(ChronoUnit.MICROS), data);
    }

    public EventType type() {
        return data.eventType();
    }

    public String ceType() {
        return type().ceType();
    }

    public String subject() {
        return data.streamKey();
    }

    public String topic() {
        return type().topic();
    }
}
