package io.gatehouse.fivetran.sandbox.webhook;

import java.time.Instant;

/** One delivery attempt, kept for tests: status is the receiver's HTTP status, or -1 when it could not be reached. */
public record WebhookDelivery(String webhookId, String event, String connectionId, int attempt, int status,
                              String body, String signature, Instant at) {
    public boolean delivered() { return status >= 200 && status < 300; }
}
