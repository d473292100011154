package io.gatehouse.connector.domain;

import io.gatehouse.events.GatehouseEvent;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ConnectorLifecycle} decided for one event or worker result: where the request stands next, the events
 * to publish with that change, or why it was refused. A refused transition publishes nothing; its {@code next} is the
 * request unchanged, except for a connection Fivetran created meanwhile, which is always kept.
 */
public record Transition(RequestProgress next, List<GatehouseEvent> publish, Optional<String> refusal) {

    public Transition {
        publish = List.copyOf(publish);
    }

    static Transition to(RequestProgress next, List<? extends GatehouseEvent> publish) {
        return new Transition(next, List.copyOf(publish), Optional.empty());
    }

    static Transition to(RequestProgress next) {
        return to(next, List.of());
    }

    static Transition refused(RequestProgress unchanged, String reason) {
        return new Transition(unchanged, List.of(), Optional.of(reason));
    }

    public boolean accepted() {
        return refusal.isEmpty();
    }
}
