package io.gatehouse.webhook.persistence;

import io.gatehouse.messaging.retention.RetentionRules;
import io.gatehouse.messaging.retention.RetentionTarget;
import io.gatehouse.messaging.retention.RetentionWindow;
import io.gatehouse.webhook.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What the webhook-receiver keeps only for a while, and why nothing deleted can still be needed.
 *
 * <ul>
 * <li>Delivery keys, {@code gatehouse.webhook.delivery-retention} (7 days) after receipt: a retried delivery arrives
 * within Fivetran's 24 hours, and anything older than the replay window is refused before its key is looked at.</li>
 * <li>Connect Card bindings, {@code gatehouse.webhook.connect-card-retention} (90 days) after the last ConnectCardIssued
 * was received: only the return page (the redirect state, valid a day) and the owner link (valid
 * {@code gatehouse.connector.owner-link-ttl}, 30 days) read a binding, both links are signed when a card is issued,
 * and a reissue replaces the row (a new {@code updated_at}). Past the window every link to the row has expired and is
 * refused before any lookup.</li>
 * <li>Setup completions, the same window after completion, and only once the request's binding is gone: a completion
 * answers "done" to those same links and keeps a second SetupCompleted from going out, which only a return page with a
 * valid state can ask for. A request whose binding is still kept (a late reissue) keeps its completion with it.</li>
 * </ul>
 * Bindings go before completions, so a completion whose binding went in the same run goes too.
 */
@ApplicationScoped
public class WebhookRetention implements RetentionRules {

    static final RetentionTarget DELIVERY_KEYS = RetentionTarget.of("webhook_delivery", "received_at", "delivery_key");
    static final RetentionTarget BINDINGS = RetentionTarget.of("connect_card_binding", "updated_at", "request_id");
    static final RetentionTarget COMPLETIONS = RetentionTarget.of("setup_completion", "completed_at", "request_id")
            .where("not exists (select 1 from connect_card_binding b where b.request_id = t.request_id)");

    private final WebhookConfig config;

    WebhookRetention(WebhookConfig config) {
        this.config = config;
    }

    @Override
    public List<RetentionWindow> windows() {
        return List.of(new RetentionWindow(DELIVERY_KEYS, config.deliveryRetention()),
                new RetentionWindow(BINDINGS, config.connectCardRetention()),
                new RetentionWindow(COMPLETIONS, config.connectCardRetention()));
    }
}
