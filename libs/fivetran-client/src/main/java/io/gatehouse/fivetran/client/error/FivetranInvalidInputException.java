package io.gatehouse.fivetran.client.error;

/** 400: the request is wrong ({@code InvalidInput}, {@code BadRequest}); retrying it changes nothing. */
public class FivetranInvalidInputException extends FivetranException {
    public FivetranInvalidInputException(int status, String code, String message) {
        super(status, code, message);
    }

    @Override
    public boolean isRetryable() { return false; }
}
