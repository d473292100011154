package io.gatehouse.connector.service;

import io.gatehouse.connector.config.ConnectorConfig;
import io.gatehouse.connector.persistence.PollItem;
import io.gatehouse.messaging.work.WorkLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Catches a {@code sync_end} webhook that never arrived: reads each ACTIVE or BROKEN connection from Fivetran once per
 * poll interval and hands its {@code succeeded_at} to {@link ConnectorRequests#syncPolled}, where a success newer than
 * the last one seen counts as a SyncCompleted. Polls are claimed in the database with a lease (so no two pollers, here
 * or in another instance, read the same connection at once) and Fivetran is called outside any transaction. A failed
 * read is counted and retried at the next poll; it never fails the request.
 */
@ApplicationScoped
public class SyncPoller {

    private final ConnectorRequests requests;
    private final FivetranSteps steps;
    private final ConnectorConfig.Poll config;
    private final Counter newSync;
    private final Counter noChange;
    private final Counter failed;
    private final WorkLoop loop = new WorkLoop("sync-poller", this::round);

    SyncPoller(ConnectorRequests requests, FivetranSteps steps, ConnectorConfig config, MeterRegistry registry) {
        this.requests = requests;
        this.steps = steps;
        this.config = config.poll();
        this.newSync = registry.counter("gatehouse.connector.sync.polled", "outcome", "new_sync");
        this.noChange = registry.counter("gatehouse.connector.sync.polled", "outcome", "no_change");
        this.failed = registry.counter("gatehouse.connector.sync.polled", "outcome", "failed");
    }

    @PreDestroy
    void stop() {
        loop.close();
    }

    @Scheduled(every = "${gatehouse.connector.poll.scan-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        drain();
    }

    /** Polls every connection due, a batch per round. */
    public void drain() {
        loop.drain();
    }

    /** One batch of claimed polls, one call after another; a full batch means more may be due. */
    private boolean round() {
        List<PollItem> claimed = claim();
        claimed.forEach(this::poll);
        return claimed.size() == config.batchSize();
    }

    private void poll(PollItem item) {
        Optional<Instant> succeededAt;
        try {
            succeededAt = steps.lastSuccess(item.connectionId());
        } catch (RuntimeException e) {
            failed.increment();
            Log.warnf("poll of connection %s (request %s) failed, polled again in %s: %s", item.connectionId(),
                    item.requestId(), config.interval(), e.getMessage());
            reschedule(item);
            return;
        }
        try {
            (requests.syncPolled(item, succeededAt) ? newSync : noChange).increment();
        } catch (RuntimeException e) {
            // our database, or an event or worker result changed the request row meanwhile (its version): nothing was
            // recorded, so the next poll sees the same success again
            failed.increment();
            Log.warnf("poll of connection %s (request %s) not recorded, polled again in %s: %s", item.connectionId(),
                    item.requestId(), config.interval(), e.toString());
            reschedule(item);
        }
    }

    private void reschedule(PollItem item) {
        try {
            requests.pollFailed(item);
        } catch (RuntimeException e) {
            Log.warnf("poll of %s not rescheduled, the lease runs out instead: %s", item.requestId(), e.toString());
        }
    }

    private List<PollItem> claim() {
        try {
            return requests.claimPolls(config.batchSize(), config.lease());
        } catch (RuntimeException e) {
            Log.warnf("sync poll claim failed, tried again at the next tick: %s", e.toString());
            return List.of();
        }
    }
}
