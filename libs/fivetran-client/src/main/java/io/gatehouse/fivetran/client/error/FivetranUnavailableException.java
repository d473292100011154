package io.gatehouse.fivetran.client.error;

/** No answer: connect or read timeout, connection refused or reset. Retryable; {@link #status()} is 0. */
public class FivetranUnavailableException extends FivetranException {
    private final boolean timeout;

    public FivetranUnavailableException(boolean timeout, Throwable cause) {
        super(0, timeout ? "Timeout" : "Unavailable", timeout ? "no answer within the timeout" : "Fivetran could not be reached: "
                + cause.getClass().getSimpleName(), cause);
        this.timeout = timeout;
    }

    public boolean timeout() { return timeout; }

    @Override
    public boolean isRetryable() { return true; }
}
