package io.gatehouse.messaging.retention;

import io.gatehouse.messaging.config.MessagingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What every service keeps of its messaging tables. Processed event ids for {@code gatehouse.messaging.inbox.retention}
 * (30 days, well beyond Kafka's default 7-day retention: the window in which a redelivery is recognised); sent outbox rows
 * for {@code gatehouse.messaging.outbox.retention} (for operators; unsent and parked rows stay until sent or replayed,
 * since {@code sent_at < cutoff} never holds for them).
 */
@ApplicationScoped
class MessagingRetention implements RetentionRules {

    static final RetentionTarget PROCESSED_EVENTS = RetentionTarget.of("processed_event", "processed_at", "consumer", "event_id");
    static final RetentionTarget SENT_OUTBOX_ROWS = RetentionTarget.of("outbox_event", "sent_at", "seq");

    private final MessagingConfig config;

    MessagingRetention(MessagingConfig config) {
        this.config = config;
    }

    @Override
    public List<RetentionWindow> windows() {
        return List.of(new RetentionWindow(PROCESSED_EVENTS, config.inbox().retention()),
                new RetentionWindow(SENT_OUTBOX_ROWS, config.outbox().retention()));
    }
}
