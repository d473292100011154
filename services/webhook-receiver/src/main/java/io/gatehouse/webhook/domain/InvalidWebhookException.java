package io.gatehouse.webhook.domain;

/** A correctly signed webhook body Gatehouse cannot read or act on. */
public class InvalidWebhookException extends RuntimeException {

    public InvalidWebhookException(String message) {
        super(message);
    }
}
