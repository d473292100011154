package io.gatehouse.fivetran.client.error;

/** 5xx: Fivetran failed; the call may work later. */
public class FivetranServerException extends FivetranException {
    public FivetranServerException(int status, String code, String message) {
        super(status, code, message);
    }

    @Override
    public boolean isRetryable() { return true; }
}
