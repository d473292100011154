package io.gatehouse.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;

/** Waiting on outcomes, and holding an outage open for its stated length. */
final class Awaits {

    private Awaits() {
    }

    /** Polls until the condition holds; returns how long that took. */
    static Duration until(Duration atMost, Callable<Boolean> condition) {
        Instant start = Instant.now();
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(condition);
        return Duration.between(start, Instant.now());
    }

    /**
     * Keeps a fault in place for {@code length} measured from {@code since}: the outage's duration is the story's
     * premise, not a wait for a result, so this is the one place a story sleeps.
     */
    static void holdOutage(Instant since, Duration length) throws InterruptedException {
        long left = Duration.between(Instant.now(), since.plus(length)).toMillis();
        if (left > 0) {
            Thread.sleep(left);
        }
    }
}
