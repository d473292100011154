package io.gatehouse.fivetran.client.error;

/** 404: {@code NotFound}, {@code NotFound_Connection}, {@code NotFound_SchemaConfig}, {@code NotFound_Group}... */
public class FivetranNotFoundException extends FivetranException {
    public FivetranNotFoundException(int status, String code, String message) {
        super(status, code, message);
    }

    @Override
    public boolean isRetryable() { return false; }
}
