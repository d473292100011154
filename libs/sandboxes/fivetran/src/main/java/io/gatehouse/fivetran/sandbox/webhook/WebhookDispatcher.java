package io.gatehouse.fivetran.sandbox.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.fivetran.sandbox.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends signed webhook events. A failed delivery is retried like Fivetran does (each wait is the previous one
 * plus a fixed increment: 5 minutes in production, {@code retryIncrement} here so tests stay fast) up to a
 * maximum number of attempts.
 */
public final class WebhookDispatcher {
    private final WebhookRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration retryIncrement;
    private final int maxAttempts;
    private final boolean upperCaseSignature;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();

    public WebhookDispatcher(WebhookRegistry registry, ScheduledExecutorService scheduler, Clock clock,
                             Duration retryIncrement, int maxAttempts, boolean upperCaseSignature) {
        this.registry = registry;
        this.scheduler = scheduler;
        this.clock = clock;
        this.retryIncrement = retryIncrement;
        this.maxAttempts = maxAttempts;
        this.upperCaseSignature = upperCaseSignature;
    }

    public List<WebhookDelivery> deliveries() { return List.copyOf(deliveries); }

    public void clear() { deliveries.clear(); }

    /** Publishes an event about a connection to every webhook that wants it. */
    public void publish(String event, String connectionId, String connectorType, String schema, String groupId,
                        String syncId, ObjectNode data) {
        ObjectNode payload = Json.object()
                .put("event", event)
                .put("created", clock.instant().toString())
                .put("connector_type", connectorType)
                .put("connector_id", connectionId)
                .put("connector_name", schema)
                .put("sync_id", syncId == null ? UUID.randomUUID().toString() : syncId)
                .put("destination_group_id", groupId);
        payload.set("data", data);
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        for (Webhook webhook : registry.all()) {
            if (webhook.wants(event, groupId)) {
                scheduler.execute(() -> attempt(webhook, event, connectionId, body, 1, Duration.ZERO));
            }
        }
    }

    private void attempt(Webhook webhook, String event, String connectionId, byte[] body, int attempt, Duration lastWait) {
        if (registry.find(webhook.id()) == null) return; // deleted (or sandbox reset) since: nothing more to send
        String signature = webhook.secret() == null ? null : WebhookSignature.sign(webhook.secret(), body);
        if (signature != null && upperCaseSignature) signature = signature.toUpperCase(Locale.ROOT);
        int status = send(webhook.url(), body, signature);
        deliveries.add(new WebhookDelivery(webhook.id(), event, connectionId, attempt, status,
                new String(body, StandardCharsets.UTF_8), signature, clock.instant()));
        if ((status < 200 || status >= 300) && attempt < maxAttempts) {
            Duration wait = lastWait.plus(retryIncrement);
            scheduler.schedule(() -> attempt(webhook, event, connectionId, body, attempt + 1, wait),
                    wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private int send(String url, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) request.header(WebhookSignature.HEADER, signature);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception unreachable) {
            return -1;
        }
    }
}
