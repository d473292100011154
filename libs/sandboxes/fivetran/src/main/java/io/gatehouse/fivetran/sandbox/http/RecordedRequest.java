package io.gatehouse.fivetran.sandbox.http;

import java.time.Instant;

/** One request the sandbox answered, for tests that assert what a client really sent. */
public record RecordedRequest(Instant at, String method, String path, String query, int status, String accept) {
    /** True when {@code pattern} (a regex) matches the path or "METHOD path". */
    public boolean matches(String pattern) {
        return path.matches(pattern) || (method + " " + path).matches(pattern);
    }
}
