package io.gatehouse.connector.service;

import io.gatehouse.connector.config.ConnectorConfig;
import io.gatehouse.connector.domain.ConnectorLifecycle;
import io.gatehouse.connector.persistence.PollItem;
import io.gatehouse.messaging.work.WorkLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads connections from Fivetran for what no event reported. A CARD_ISSUED request's connection is read once per setup
 * interval: a {@code setup_state} of {@code connected} (the owner finished the Connect Card, but the return page's
 * SetupCompleted never came) goes to {@link ConnectorRequests#setupPolled}, handled as that SetupCompleted. An ACTIVE or
 * BROKEN connection is read once per poll interval and its {@code succeeded_at} handed to
 * {@link ConnectorRequests#syncPolled}, where a success newer than the last one seen counts as a SyncCompleted (a
 * {@code sync_end} webhook that never arrived). Polls are claimed in the database with a lease (so no two pollers, here
 * or in another instance, read the same connection at once; not renewed, the lease outlasts a poll's one Fivetran read,
 * see CallBudget), every result write is fenced by that claim, and Fivetran is called outside any transaction. A
 * failed read (5xx, 429, a timeout, our key refused) is counted and retried at the next poll; it never fails the request.
 */
@ApplicationScoped
public class SyncPoller {

    private final ConnectorRequests requests;
    private final FivetranSteps steps;
    private final ConnectorConfig.Poll config;
    private final Outcomes sync;
    private final Outcomes setup;
    private final WorkLoop loop = new WorkLoop("sync-poller", this::round);

    /** The counters of one kind of poll: {@code changed} when the lifecycle accepted what the poll read. */
    private record Outcomes(Counter changed, Counter noChange, Counter failed) {
        static Outcomes of(MeterRegistry registry, String name, String changed) {
            return new Outcomes(registry.counter(name, "outcome", changed), registry.counter(name, "outcome", "no_change"),
                    registry.counter(name, "outcome", "failed"));
        }

        void count(boolean accepted) {
            (accepted ? changed : noChange).increment();
        }
    }

    SyncPoller(ConnectorRequests requests, FivetranSteps steps, ConnectorConfig config, MeterRegistry registry) {
        this.requests = requests;
        this.steps = steps;
        this.config = config.poll();
        this.sync = Outcomes.of(registry, "gatehouse.connector.sync.polled", "new_sync");
        this.setup = Outcomes.of(registry, "gatehouse.connector.setup.polled", "confirmed");
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
        claimed.forEach(item -> {
            if (ConnectorLifecycle.setupPolled(item.state())) {
                pollSetup(item);
            } else {
                pollSync(item);
            }
        });
        return claimed.size() == config.batchSize();
    }

    private void pollSetup(PollItem item) {
        String setupState;
        try {
            setupState = steps.setupState(item.connectionId());
        } catch (RuntimeException e) {
            failed(item, setup, config.setupInterval(), "failed", e.getMessage());
            return;
        }
        try {
            setup.count(requests.setupPolled(item, setupState));
        } catch (ClaimKeeper.ClaimLost lost) {
            dropped(item, lost);
        } catch (RuntimeException e) {
            // our database, or an event (the return page's SetupCompleted, a reissue) changed the request row meanwhile:
            // nothing was recorded; the next poll, if the request still waits for its setup, reads it again
            failed(item, setup, config.setupInterval(), "not recorded", e.toString());
        }
    }

    private void pollSync(PollItem item) {
        Optional<Instant> succeededAt;
        try {
            succeededAt = steps.lastSuccess(item.connectionId());
        } catch (RuntimeException e) {
            failed(item, sync, config.interval(), "failed", e.getMessage());
            return;
        }
        try {
            sync.count(requests.syncPolled(item, succeededAt));
        } catch (ClaimKeeper.ClaimLost lost) {
            dropped(item, lost);
        } catch (RuntimeException e) {
            // our database, or an event or worker result changed the request row meanwhile (its version): nothing was
            // recorded, so the next poll sees the same success again
            failed(item, sync, config.interval(), "not recorded", e.toString());
        }
    }

    private void failed(PollItem item, Outcomes outcomes, Duration interval, String what, String error) {
        outcomes.failed().increment();
        Log.warnf("poll of connection %s (request %s, %s) %s, polled again in %s: %s", item.connectionId(),
                item.requestId(), item.state(), what, interval, error);
        reschedule(item);
    }

    /** The poll's claim is gone (re-claimed after its lease ran out, or polling stopped): nothing of it is recorded. */
    private void dropped(PollItem item, ClaimKeeper.ClaimLost lost) {
        Log.infof("poll of connection %s (request %s) dropped: %s", item.connectionId(), item.requestId(),
                lost.getMessage());
    }

    private void reschedule(PollItem item) {
        try {
            requests.pollFailed(item);
        } catch (ClaimKeeper.ClaimLost lost) {
            dropped(item, lost);
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
