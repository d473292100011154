package io.gatehouse.fivetran.client;

import io.gatehouse.fivetran.client.error.FivetranErrorMapper;
import io.gatehouse.fivetran.client.error.FivetranException;
import io.gatehouse.fivetran.client.error.FivetranRateLimitedException;
import io.gatehouse.fivetran.client.error.FivetranUnavailableException;
import io.gatehouse.retry.Backoff;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The retry loop around every Fivetran call. A plain loop rather than SmallRye Fault Tolerance: before a retry it
 * asks whether the lost attempt took effect after all (a create that timed out must not create twice), and a 429
 * whose {@code Retry-After} exceeds the budget goes to the caller at once; neither fits @Retry. 429 waits Retry-After
 * (when it is longer than {@code maxRetryAfter} the caller gets the exception at once); 5xx and no-answer wait a
 * capped exponential backoff with jitter; other 4xx are never retried. Blocking: call from worker threads.
 */
public final class FivetranRetry {
    private static final Logger LOG = Logger.getLogger(FivetranRetry.class);

    /** Retry limits; see {@link FivetranConfig.Retry}. */
    public record Settings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
        public static Settings of(FivetranConfig.Retry retry) {
            return new Settings(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(), retry.maxRetryAfter());
        }
    }

    private final Settings settings;
    private final Backoff backoff;

    public FivetranRetry(Settings settings) {
        this.settings = settings;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
    }

    public <T> T call(String operation, Supplier<T> call) {
        return call(operation, call, Optional::empty);
    }

    /**
     * Runs {@code call} with retries. Before each retry {@code alreadyDone} is asked whether an earlier attempt took
     * effect although its answer was lost (a create that timed out); if so its result ends the loop.
     */
    public <T> T call(String operation, Supplier<T> call, Supplier<Optional<T>> alreadyDone) {
        for (int attempt = 1; ; attempt++) {
            FivetranException failure;
            try {
                if (attempt > 1) {
                    Optional<T> done = alreadyDone.get();
                    if (done.isPresent()) return done.get();
                }
                return call.get();
            } catch (FivetranException e) {
                failure = e;
            } catch (ProcessingException e) {
                failure = e.getCause() instanceof FivetranException f ? f : new FivetranUnavailableException(isTimeout(e), e);
            } catch (WebApplicationException e) {
                failure = FivetranErrorMapper.map(e.getResponse().getStatus(), null, e.getResponse().getHeaderString("Retry-After"));
            }
            Duration wait = waitBeforeRetry(failure, attempt);
            if (wait == null) throw failure;
            LOG.warnf("Fivetran %s attempt %d/%d failed (%s), retrying in %d ms", operation, attempt, settings.maxAttempts(),
                    failure.getMessage(), wait.toMillis());
            sleep(wait, failure);
        }
    }

    /** How long to wait before the next attempt, or null when the failure goes to the caller. */
    Duration waitBeforeRetry(FivetranException failure, int attempt) {
        if (!failure.isRetryable() || attempt >= settings.maxAttempts()) return null;
        if (failure instanceof FivetranRateLimitedException limited && limited.retryAfter().isPresent()) {
            Duration retryAfter = limited.retryAfter().get();
            return retryAfter.compareTo(settings.maxRetryAfter()) > 0 ? null : retryAfter;
        }
        return backoff.delay(attempt);
    }


    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (name.contains("timeout") || message.contains("timeout") || message.contains("timed out")) return true;
        }
        return false;
    }

    private static void sleep(Duration wait, FivetranException failure) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
