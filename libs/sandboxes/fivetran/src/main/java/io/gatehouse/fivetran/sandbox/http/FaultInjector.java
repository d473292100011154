package io.gatehouse.fivetran.sandbox.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scripted misbehaviour for tests: answer the next N matching requests with an error status (before any
 * processing, so a rejected create creates nothing), or hold them for a while (then process them normally,
 * as a slow real server would).
 */
public final class FaultInjector {

    /** A scripted error answer. */
    public record Failure(int status, Integer retryAfterSeconds) {}

    private static final class Rule {
        final String pattern;
        final Failure failure;
        final Duration delay;
        final java.time.Instant until;
        int remaining;

        Rule(String pattern, Failure failure, Duration delay, int times, java.time.Instant until) {
            this.pattern = pattern;
            this.failure = failure;
            this.delay = delay;
            this.remaining = times;
            this.until = until;
        }

        boolean live() {
            return remaining > 0 && (until == null || java.time.Instant.now().isBefore(until));
        }

        boolean matches(String method, String path) {
            return path.matches(pattern) || (method + " " + path).matches(pattern);
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    public synchronized void failNext(String pattern, int status, int times, Integer retryAfterSeconds) {
        rules.add(new Rule(pattern, new Failure(status, retryAfterSeconds), null, times, null));
    }

    /** Every matching request gets {@code status} for {@code duration} of wall-clock time: an outage, not a count. */
    public synchronized void failFor(String pattern, int status, Duration duration) {
        rules.add(new Rule(pattern, new Failure(status, null), null, Integer.MAX_VALUE, java.time.Instant.now().plus(duration)));
    }

    public synchronized void delayNext(String pattern, Duration delay, int times) {
        rules.add(new Rule(pattern, null, delay, times, null));
    }

    public synchronized void clear() { rules.clear(); }

    public synchronized Optional<Duration> takeDelay(String method, String path) {
        return take(method, path, true).map(r -> r.delay);
    }

    public synchronized Optional<Failure> takeFailure(String method, String path) {
        return take(method, path, false).map(r -> r.failure);
    }

    private Optional<Rule> take(String method, String path, boolean delays) {
        for (Rule rule : rules) {
            if ((rule.delay != null) == delays && rule.live() && rule.matches(method, path)) {
                rule.remaining--;
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
