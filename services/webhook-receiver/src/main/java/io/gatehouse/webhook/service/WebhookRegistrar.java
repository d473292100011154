package io.gatehouse.webhook.service;

import io.gatehouse.errors.InvalidInputException;
import io.gatehouse.errors.NotFoundException;
import io.gatehouse.fivetran.client.FivetranClient;
import io.gatehouse.fivetran.client.error.FivetranInvalidInputException;
import io.gatehouse.fivetran.client.error.FivetranNotFoundException;
import io.gatehouse.fivetran.client.model.Webhook;
import io.gatehouse.webhook.config.WebhookConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Registers this service's webhook endpoint with Fivetran for a destination group, signed with
 * {@code gatehouse.webhook.fivetran-secret}. Idempotent: a webhook that already sends to the same URL (for the
 * group, or account-wide) is kept, not duplicated. Fivetran POSTs a test event to the URL while creating it, so
 * this endpoint must already be reachable.
 */
@ApplicationScoped
public class WebhookRegistrar {

    public static final String ENDPOINT_PATH = "/webhooks/fivetran";

    private final FivetranClient fivetran;
    private final WebhookConfig config;

    WebhookRegistrar(FivetranClient fivetran, WebhookConfig config) {
        this.fivetran = fivetran;
        this.config = config;
    }

    /** The webhook now registered for the group, and whether this call created it. */
    public record Registration(String webhookId, String groupId, String url, boolean created) {
    }

    /** {@code gatehouse.webhook.register.public-url} + {@code /webhooks/fivetran}, if a public URL is configured. */
    public Optional<String> configuredEndpoint() {
        return config.register().publicUrl()
                .map(base -> base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                .map(base -> base + ENDPOINT_PATH);
    }

    /**
     * An operator's request: registers {@code url}, or the configured endpoint when it is null. What the operator
     * can fix (no URL at all, a group Fivetran does not know, a webhook Fivetran refuses) is thrown as the
     * caller's error; any other {@code FivetranException} (Fivetran unreachable, a bad API key) passes through.
     */
    public Registration registerOnRequest(String groupId, String url) {
        // No field is named: the body's url is valid, it is the missing configuration that stops the default.
        String target = url != null ? url : configuredEndpoint().orElseThrow(() -> new InvalidInputException(
                "No url given and gatehouse.webhook.register.public-url is not set.", List.of()));
        try {
            return register(groupId, target);
        } catch (FivetranNotFoundException e) {
            throw new NotFoundException("Fivetran does not know group '" + groupId + "'.");
        } catch (FivetranInvalidInputException e) {
            throw new InvalidInputException("Fivetran refused the webhook: " + e.fivetranMessage(), List.of());
        }
    }

    /**
     * Serialised so two concurrent calls in this process do not both create. Across instances, registration at startup
     * runs on one instance only (RegistrationAtStartup); an operator's request may run on any.
     */
    public synchronized Registration register(String groupId, String url) {
        Optional<Webhook> existing = existing(groupId, url);
        if (existing.isPresent()) {
            Log.infof("Fivetran webhook %s already sends group %s to %s", existing.get().id(), groupId, url);
            return new Registration(existing.get().id(), groupId, url, false);
        }
        Webhook created = fivetran.createGroupWebhook(groupId, url, config.fivetranSecret(), config.register().events());
        Log.infof("Fivetran webhook %s created for group %s -> %s (events %s)", created.id(), groupId, url, config.register().events());
        return new Registration(created.id(), groupId, url, true);
    }

    /** The webhook that already sends the group's events to {@code url} (one for the group, or account-wide), if any. */
    public Optional<Webhook> existing(String groupId, String url) {
        return fivetran.webhooks().stream()
                .filter(w -> url.equals(w.url()))
                .filter(w -> "account".equals(w.type()) || groupId.equals(w.groupId()))
                .findFirst();
    }
}
