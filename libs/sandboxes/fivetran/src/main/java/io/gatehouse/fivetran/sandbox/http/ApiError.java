package io.gatehouse.fivetran.sandbox.http;

/** A Fivetran-style failure: rendered as {@code {"code": ..., "message": ...}} with the given HTTP status. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() { return status; }

    public String code() { return code; }

    public static ApiError invalidInput(String message) { return new ApiError(400, "InvalidInput", message); }

    public static ApiError notFound(String code, String message) { return new ApiError(404, code, message); }
}
