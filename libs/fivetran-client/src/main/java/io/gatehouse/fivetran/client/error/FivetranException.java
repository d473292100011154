package io.gatehouse.fivetran.client.error;

/**
 * A failed Fivetran call: the HTTP status (0 when no answer came), Fivetran's {@code code} and {@code message}.
 * Messages pass through {@link Redaction}; request bodies and credentials are never part of them.
 */
public class FivetranException extends RuntimeException {
    private final int status;
    private final String code;
    private final String fivetranMessage;

    public FivetranException(int status, String code, String fivetranMessage) {
        this(status, code, fivetranMessage, null);
    }

    public FivetranException(int status, String code, String fivetranMessage, Throwable cause) {
        super(describe(status, code, fivetranMessage), cause);
        this.status = status;
        this.code = code;
        this.fivetranMessage = Redaction.redact(fivetranMessage);
    }

    public int status() { return status; }

    public String code() { return code; }

    public String fivetranMessage() { return fivetranMessage; }

    /** Whether the same call may succeed later without changing it. */
    public boolean isRetryable() { return false; }

    private static String describe(int status, String code, String message) {
        return "Fivetran " + (status == 0 ? "call failed" : "answered HTTP " + status) + " " + code + ": " + Redaction.redact(message);
    }
}
