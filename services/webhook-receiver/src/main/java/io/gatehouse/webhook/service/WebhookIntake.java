package io.gatehouse.webhook.service;

import io.gatehouse.messaging.outbox.Outbox;
import io.gatehouse.webhook.config.WebhookConfig;
import io.gatehouse.webhook.domain.DeliveryKey;
import io.gatehouse.webhook.domain.FivetranWebhook;
import io.gatehouse.webhook.domain.InvalidWebhookException;
import io.gatehouse.webhook.domain.ReplayWindow;
import io.gatehouse.webhook.domain.WebhookSignature;
import io.gatehouse.webhook.domain.WebhookTranslation;
import io.gatehouse.webhook.persistence.WebhookDeliveries;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Takes one Fivetran webhook from raw bytes to at most one event: verify the signature over the exact bytes,
 * only then parse, refuse it outside the replay window, translate, and record the delivery key with the outbox
 * row in one transaction.
 */
@ApplicationScoped
public class WebhookIntake {

    private final WebhookSignature signature;
    private final WebhookDeliveries deliveries;
    private final Outbox outbox;
    private final MeterRegistry registry;
    private final WebhookConfig config;
    private final ReplayWindow replayWindow;

    WebhookIntake(WebhookConfig config, WebhookDeliveries deliveries, Outbox outbox, MeterRegistry registry) {
        this.config = config;
        this.signature = new WebhookSignature(config.fivetranSecret());
        // A window as long as the retention would let a replay arrive after its delivery key was purged.
        if (config.replayWindow().plus(config.clockSkew()).compareTo(config.deliveryRetention()) >= 0) {
            throw new IllegalStateException("gatehouse.webhook.replay-window plus clock-skew must be shorter than "
                    + "gatehouse.webhook.delivery-retention");
        }
        this.replayWindow = new ReplayWindow(config.replayWindow(), config.clockSkew());
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.registry = registry;
    }

    /** What happened to one delivery; also the {@code outcome} tag of {@code gatehouse.webhook.deliveries}. */
    public enum Outcome {
        PUBLISHED, DUPLICATE, IGNORED, TEST, BAD_SIGNATURE, INVALID, TOO_LARGE,
        /** Correctly signed, but {@code created} is older than the replay window: a replay, or a delivery far too late. */
        TOO_OLD,
        /** Correctly signed, but {@code created} is further ahead than the allowed clock skew. */
        IN_FUTURE;

        public String tag() {
            return name().toLowerCase();
        }
    }

    public Outcome receive(byte[] rawBody, String signatureHeader) {
        if (!signature.matches(rawBody, signatureHeader)) {
            return count("unknown", Outcome.BAD_SIGNATURE);
        }
        FivetranWebhook hook;
        WebhookTranslation.Result result;
        try {
            hook = FivetranWebhook.parse(rawBody);
        } catch (InvalidWebhookException e) {
            Log.warnf("signed Fivetran webhook refused: %s", e.getMessage());
            return count("unknown", Outcome.INVALID);
        }
        Outcome refused = switch (replayWindow.judge(hook.created(), Instant.now())) {
            case FRESH -> null;
            case TOO_OLD -> Outcome.TOO_OLD;
            case IN_FUTURE -> Outcome.IN_FUTURE;
            case UNREADABLE -> Outcome.INVALID;
        };
        if (refused != null) {
            Log.warnf("signed Fivetran %s for %s refused: created %s is outside the replay window (%s)",
                    hook.event(), hook.connectorId(), hook.created(), refused.tag());
            return count(WebhookTranslation.tagOf(hook.event()), refused);
        }
        try {
            result = WebhookTranslation.translate(hook);
        } catch (InvalidWebhookException e) {
            Log.warnf("signed Fivetran webhook refused: %s", e.getMessage());
            return count("unknown", Outcome.INVALID);
        }
        Outcome firstOutcome = result.event().isPresent() ? Outcome.PUBLISHED : result.test() ? Outcome.TEST : Outcome.IGNORED;
        String key = DeliveryKey.of(rawBody);
        boolean first = QuarkusTransaction.requiringNew().call(() -> {
            if (!deliveries.recordFirst(key, hook.event(), hook.connectorId(), firstOutcome.tag())) {
                return false;
            }
            result.event().ifPresent(outbox::publish);
            return true;
        });
        if (first && firstOutcome == Outcome.IGNORED) {
            Log.debugf("Fivetran %s for %s accepted, not acted on: %s", hook.event(), hook.connectorId(), result.ignoredBecause());
        }
        return count(WebhookTranslation.tagOf(hook.event()), first ? firstOutcome : Outcome.DUPLICATE);
    }

    /** Counts a body refused for its size before it was read whole. */
    public Outcome tooLarge() {
        return count("unknown", Outcome.TOO_LARGE);
    }

    public int maxBodyBytes() {
        return config.maxBodyBytes();
    }

    private Outcome count(String event, Outcome outcome) {
        registry.counter("gatehouse.webhook.deliveries", "event", event, "outcome", outcome.tag()).increment();
        return outcome;
    }
}
