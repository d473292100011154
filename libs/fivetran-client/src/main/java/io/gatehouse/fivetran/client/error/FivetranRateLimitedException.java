package io.gatehouse.fivetran.client.error;

import java.time.Duration;
import java.util.Optional;

/** 429 {@code TooManyRequests}; {@link #retryAfter()} is Fivetran's {@code Retry-After} when it sent one. */
public class FivetranRateLimitedException extends FivetranException {
    private final Duration retryAfter;

    public FivetranRateLimitedException(String code, String message, Duration retryAfter) {
        super(429, code, message);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() { return Optional.ofNullable(retryAfter); }

    @Override
    public boolean isRetryable() { return true; }
}
