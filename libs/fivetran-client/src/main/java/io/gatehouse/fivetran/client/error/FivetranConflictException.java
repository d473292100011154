package io.gatehouse.fivetran.client.error;

/** 409 {@code Conflict}, e.g. a connection with this schema already exists in the group. */
public class FivetranConflictException extends FivetranException {
    public FivetranConflictException(int status, String code, String message) {
        super(status, code, message);
    }

    @Override
    public boolean isRetryable() { return false; }
}
