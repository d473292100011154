package io.gatehouse.messaging.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /pipeline}: where this service's work waits. Ages are seconds, null when nothing waits; a consumer's lag is
 * null until its first fetch measured it.
 */
public record PipelineStatus(String service, Outbox outbox, long deadLetters, List<Consumer> consumers,
                             List<Queue> queues) {

    /** Unsent rows, rows the broker refused for good, and how long the oldest unsent one has waited. */
    public record Outbox(long pending, long parked, Double oldestPendingAgeSeconds) {
    }

    /** A Kafka consumer client and the most records it trails by on any of its partitions. */
    public record Consumer(String clientId, Long lag) {
    }

    /** One status of a work queue ({@code grant.jobs}, {@code parked}): its rows and the oldest's age. */
    public record Queue(String name, String status, long count, Double oldestAgeSeconds) {
    }

    /** Seconds from {@code since} to now (0 for a time ahead of this clock); null without a time. */
    static Double ageSeconds(Instant since) {
        return since == null ? null : Math.max(0, Duration.between(since, Instant.now()).toMillis() / 1000.0);
    }
}
