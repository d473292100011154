package io.gatehouse.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a binary-mode record (headers + JSON body) into a typed {@link CloudEvent}, dispatching on
 * {@code ce_type}. Anything it cannot take whole raises {@link InvalidEventException} with the reason.
 */
public final class CloudEventReader {

    private final EventCodec codec;

    public CloudEventReader(EventCodec codec) {
        this.codec = codec;
    }

    public CloudEvent<GatehouseEvent> read(Map<String, String> headers, String body) {
        List<String> missing = new ArrayList<>();
        String id = required(headers, CloudEventHeaders.ID, missing);
        String source = required(headers, CloudEventHeaders.SOURCE, missing);
        String ceType = required(headers, CloudEventHeaders.TYPE, missing);
        String specVersion = required(headers, CloudEventHeaders.SPEC_VERSION, missing);
        if (!missing.isEmpty()) {
            throw new InvalidEventException("not a CloudEvent", missing);
        }
        if (!CloudEvent.SPEC_VERSION.equals(specVersion)) {
            throw new InvalidEventException("unsupported CloudEvents specversion '" + specVersion + "'");
        }
        EventType type = EventType.ofCeType(ceType)
                .orElseThrow(() -> new InvalidEventException("unknown ce_type '" + ceType + "'"));
        Instant time = parseTime(headers.get(CloudEventHeaders.TIME));
        GatehouseEvent data = codec.fromJson(type, body == null ? "" : body);
        return new CloudEvent<>(id, source, time, data);
    }

    private static String required(Map<String, String> headers, String name, List<String> missing) {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            missing.add("header " + name + " is missing");
        }
        return value;
    }

    /** {@code time} is optional in CloudEvents; when absent the event is stamped on arrival. */
    private static Instant parseTime(String time) {
        if (time == null || time.isBlank()) {
            return Instant.now();
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("header ce_time is not an RFC 3339 time: '" + time + "'");
        }
    }
}
