package io.gatehouse.connector.domain;

import io.gatehouse.events.GatehouseEvent;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ConnectorLifecycle} decided for one event or worker result: where the request stands next, the events
 * to publish with that change, or why it was refused. A refused transition publishes nothing; its {@code next} is the
 * request unchanged, except for a connection Fivetran created meanwhile, which is always kept. {@code note} says how an
 * accepted change came about when that is not plain from the call (e.g. "setup confirmed by polling"); it is logged.
 */
public record Transition(RequestProgress next, List<GatehouseEvent> publish, Optional<String> refusal,
        Optional<String> note) {

    public Transition {
        publish = List.copyOf(publish);
    }

    static Transition to(RequestProgress next, List<? extends GatehouseEvent> publish) {
        return new Transition(next, List.copyOf(publish), Optional.empty(), Optional.empty());
    }

    /** Accepted, with a note on how the change came about. */
    static Transition noted(RequestProgress next, String note) {
        return new Transition(next, List.of(), Optional.empty(), Optional.of(note));
    }

    static Transition to(RequestProgress next) {
        return to(next, List.of());
    }

    static Transition refused(RequestProgress unchanged, String reason) {
        return new Transition(unchanged, List.of(), Optional.of(reason), Optional.empty());
    }

    public boolean accepted() {
        return refusal.isEmpty();
    }
}
