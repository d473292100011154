package io.gatehouse.connector.service;

import io.gatehouse.connector.config.ConnectorConfig;
import io.gatehouse.connector.persistence.WorkItem;
import io.gatehouse.messaging.work.WorkLoop;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Performs due Fivetran work: claims due requests in the database ({@link ClaimKeeper}: a lease renewed while the step
 * runs, so neither the next round nor another instance takes them meanwhile) and runs their steps on a small pool. A
 * request backing off after 429/5xx is simply not due, so it never holds up the others, nor any Kafka partition.
 */
@ApplicationScoped
public class ConnectorWorker {

    private final ClaimKeeper claims;
    private final FivetranSteps steps;
    private final ConnectorConfig.Worker config;
    private final ExecutorService calls;
    private final WorkLoop loop = new WorkLoop("connector-worker", this::round);

    ConnectorWorker(ClaimKeeper claims, FivetranSteps steps, ConnectorConfig config) {
        this.claims = claims;
        this.steps = steps;
        this.config = config.worker();
        AtomicInteger n = new AtomicInteger();
        this.calls = Executors.newFixedThreadPool(this.config.concurrency(), r -> {
            Thread thread = new Thread(r, "connector-worker-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A graceful stop (SIGTERM, a rolling deploy): no round starts any more, and the steps running get 15 s to record
     * their results and end their claims while the database is still open (Quarkus fires this before closing it). A
     * step still running after that keeps its claim until the lease lapses; another instance then runs it again.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        if (!loop.stop(Duration.ofSeconds(15))) {
            Log.warn("connector steps still running at shutdown: taken over once their lease lapses");
        }
    }

    @PreDestroy
    void stop() {
        loop.close();
        calls.shutdownNow();
    }

    /** New work committed: start now rather than at the next tick. */
    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) WorkQueued queued) {
        loop.wake();
    }

    @Scheduled(every = "${gatehouse.connector.worker.interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        drain();
    }

    /** Runs rounds until nothing is due; a call while a drain runs makes that drain look once more. */
    public void drain() {
        loop.drain();
    }

    /** One batch of claimed requests, their Fivetran calls in parallel; a full batch means more may be due. */
    private boolean round() throws InterruptedException {
        List<WorkItem> claimed = claim();
        List<Callable<Void>> work = claimed.stream().<Callable<Void>>map(item -> () -> {
            try {
                steps.run(item);
            } finally {
                claims.done(item);
            }
            return null;
        }).toList();
        calls.invokeAll(work);
        return claimed.size() == config.batchSize();
    }

    private List<WorkItem> claim() {
        try {
            return claims.claimDue(config.batchSize());
        } catch (RuntimeException e) {
            // our database away: tried again at the next tick (rows another instance took first are skipped, not errors)
            Log.warnf("claim of due requests failed, tried again at the next tick: %s", e.toString());
            return List.of();
        }
    }
}
