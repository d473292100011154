package io.gatehouse.messaging.inbox;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.EventType;
import io.gatehouse.events.GatehouseEvent;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** What a consumer does with each event type it cares about; types it does not list are skipped. */
public final class EventHandlers {

    private final Map<EventType, Consumer<CloudEvent<GatehouseEvent>>> handlers;

    private EventHandlers(Map<EventType, Consumer<CloudEvent<GatehouseEvent>>> handlers) {
        this.handlers = handlers;
    }

    public static Builder builder() {
        return new Builder();
    }

    Optional<Consumer<CloudEvent<GatehouseEvent>>> handlerOf(EventType type) {
        return Optional.ofNullable(handlers.get(type));
    }

    public static final class Builder {
        private final Map<EventType, Consumer<CloudEvent<GatehouseEvent>>> handlers = new EnumMap<>(EventType.class);

        @SuppressWarnings("unchecked")
        public <T extends GatehouseEvent> Builder on(Class<T> type, Consumer<CloudEvent<T>> handler) {
            handlers.put(EventType.of(type), event -> handler.accept((CloudEvent<T>) (CloudEvent<?>) event));
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(new EnumMap<>(handlers));
        }
    }
}
