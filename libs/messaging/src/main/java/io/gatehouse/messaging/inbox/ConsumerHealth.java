package io.gatehouse.messaging.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of this instance's event consumers: down while a consumer waits for its database to come back (the
 * record it holds is retried in place), with the consumer, since when and the last failure; up again as soon as
 * the record applies. Per instance on purpose: each instance's own path to its dependencies is what is reported.
 */
// @Default next to @Readiness: EventReceiver injects it as a plain bean too.
@Readiness
@Default
@ApplicationScoped
public class ConsumerHealth implements HealthCheck {

    /** A consumer waiting on an outage. */
    record Waiting(Instant since, int attempts, String reason) {
    }

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    void retrying(String consumer, int attempt, Throwable failure) {
        waiting.compute(consumer, (c, before) -> new Waiting(before == null ? Instant.now() : before.since(), attempt,
                String.valueOf(failure)));
    }

    void recovered(String consumer) {
        waiting.remove(consumer);
    }

    /** True while no consumer waits on an outage. */
    public boolean healthy() {
        return waiting.isEmpty();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("gatehouse-event-consumers").status(waiting.isEmpty());
        waiting.forEach((consumer, w) -> response.withData(consumer, "retrying since " + w.since() + " (attempt "
                + w.attempts() + "): " + w.reason()));
        return response.build();
    }
}
