package io.gatehouse.connector.worker;

import io.gatehouse.connector.config.ConnectorConfig;
import io.gatehouse.connector.persistence.ConnectorRequests;
import io.gatehouse.connector.persistence.WorkItem;
import io.gatehouse.connector.persistence.WorkQueued;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Performs due Fivetran work: claims due requests (a lease, so neither the next round nor another instance
 * takes them meanwhile) and runs their steps on a small pool. A request backing off after 429/5xx is simply
 * not due, so it never holds up the others, nor any Kafka partition.
 */
@ApplicationScoped
public class ConnectorWorker {

    private final ConnectorRequests requests;
    private final FivetranSteps steps;
    private final ConnectorConfig.Worker config;
    private final ExecutorService calls;
    private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(r -> daemon(r, "connector-worker-wake"));
    private final ReentrantLock draining = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();

    ConnectorWorker(ConnectorRequests requests, FivetranSteps steps, ConnectorConfig config) {
        this.requests = requests;
        this.steps = steps;
        this.config = config.worker();
        AtomicInteger n = new AtomicInteger();
        this.calls = Executors.newFixedThreadPool(this.config.concurrency(),
                r -> daemon(r, "connector-worker-" + n.incrementAndGet()));
    }

    @PreDestroy
    void stop() {
        wakeUps.shutdownNow();
        calls.shutdownNow();
    }

    /** New work committed: start now rather than at the next tick. */
    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) WorkQueued queued) {
        wakeUps.execute(this::drain);
    }

    @Scheduled(every = "${gatehouse.connector.worker.interval:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        drain();
    }

    /** Runs rounds until nothing is due; a call while a drain runs makes that drain look once more. */
    public void drain() {
        if (!draining.tryLock()) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                List<WorkItem> claimed;
                do {
                    claimed = claim();
                    List<Callable<Void>> work = claimed.stream().<Callable<Void>>map(item -> () -> {
                        steps.run(item);
                        return null;
                    }).toList();
                    calls.invokeAll(work);
                } while (claimed.size() == config.batchSize());
            } while (again.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Log.warnf("connector worker round failed, work stays due: %s", e.getMessage());
        } finally {
            draining.unlock();
        }
    }

    private List<WorkItem> claim() {
        try {
            return requests.claimDue(config.batchSize(), config.lease());
        } catch (RuntimeException e) {
            // Another instance claimed some of the same rows first (version check): leave them to it.
            Log.debugf("claim lost a race: %s", e.getMessage());
            return List.of();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
