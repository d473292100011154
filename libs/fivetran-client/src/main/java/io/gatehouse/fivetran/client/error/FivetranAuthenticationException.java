package io.gatehouse.fivetran.client.error;

/** 401/403: key and secret missing, wrong or lacking permission. */
public class FivetranAuthenticationException extends FivetranException {
    public FivetranAuthenticationException(int status, String code, String message) {
        super(status, code, message);
    }

    @Override
    public boolean isRetryable() { return false; }
}
