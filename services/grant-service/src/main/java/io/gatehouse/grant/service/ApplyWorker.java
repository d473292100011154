package io.gatehouse.grant.service;

import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.JobQueue;
import io.gatehouse.messaging.work.WorkLoop;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes pending jobs and applies them in parallel, at most {@code concurrency} at a time, keeping order per key:
 * a job waits while an earlier job of the same key is pending (even one waiting for its retry or for its user). The
 * consumer never waits for Snowflake.
 *
 * <p>Any number of instances run this worker on one database: each job is claimed there with a lease and its roles
 * locked there ({@link JobRunner}). What this class keeps in memory only spares it tries that would fail anyway (a job
 * or key it is running, a role one of its running jobs names).
 */
@ApplicationScoped
public class ApplyWorker {

    private final JobQueue jobs;
    private final JobRunner runner;
    private final String instance;
    private final int concurrency;
    private final ExecutorService pool;
    private final WorkLoop loop = new WorkLoop("grant-apply", this::round);
    private final Set<Long> runningJobs = new HashSet<>();
    private final Set<String> runningKeys = new HashSet<>();
    private final Set<String> runningRoles = new HashSet<>();

    ApplyWorker(JobQueue jobs, JobRunner runner, Instance instance, GrantConfig config) {
        this.jobs = jobs;
        this.runner = runner;
        this.instance = instance.id();
        this.concurrency = config.apply().concurrency();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(concurrency, r -> new Thread(r, "grant-apply-" + n.incrementAndGet()));
    }

    /**
     * A graceful stop (SIGTERM, a rolling deploy): no job starts any more and the running ones get a moment to finish
     * and release their claims and role locks while the database is still open (Quarkus fires this before it closes
     * it), so another instance takes their keys over at once. A job still running after that is not interrupted (that
     * would record a failure that is not Snowflake's): its claim lapses with the lease and another instance reruns it.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        loop.stop(Duration.ofSeconds(5));
        pool.shutdown();
        try {
            if (!pool.awaitTermination(15, TimeUnit.SECONDS)) {
                Log.warnf("apply jobs still running at shutdown on %s: taken over once their lease lapses", instance);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        loop.close();
        pool.shutdownNow();
    }

    @Scheduled(every = "${gatehouse.grant.apply.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        loop.drain();
    }

    /** A job queued and committed (an event, a decision, a replay): started now rather than at the next poll. */
    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobQueue.JobQueued queued) {
        loop.wake();
    }

    /**
     * Starts the jobs that may run now, up to the free slots. Always false: what it left is blocked by a running job
     * (here or on another instance) or not due yet; a job finishing here, or one queued, wakes the loop for the next
     * round, the poll catches the rest.
     */
    private boolean round() {
        int free;
        int running;
        synchronized (this) {
            running = runningJobs.size();
            free = concurrency - running;
        }
        if (free <= 0) {
            return false;
        }
        // The jobs running here that have not committed their claim yet are still startable in the database: asked for
        // past them, or a round would find only those and start nothing until the next poll. Twice the free slots: a
        // few more may be held back by this instance's running keys or roles.
        int limit = running + 2 * free;
        List<ApplyJob> startable = QuarkusTransaction.requiringNew().call(() -> jobs.startable(Instant.now(), limit));
        for (ApplyJob job : startable) {
            synchronized (this) {
                if (runningJobs.size() >= concurrency) {
                    return false;
                }
                if (runningJobs.contains(job.id) || runningKeys.contains(job.jobKey)
                        || job.roles.stream().anyMatch(runningRoles::contains)) {
                    continue;
                }
                runningJobs.add(job.id);
                runningKeys.add(job.jobKey);
                runningRoles.addAll(job.roles);
            }
            try {
                pool.execute(() -> run(job));
            } catch (RejectedExecutionException stopping) {
                forget(job);
                return false;
            }
        }
        return false;
    }

    private void run(ApplyJob job) {
        JobRunner.Result result = JobRunner.Result.NOT_CLAIMED;
        try {
            result = runner.run(job.id, instance);
        } catch (RuntimeException e) {
            // claiming or releasing met our database away: the job stays due, or its claim lapses with the lease
            Log.warnf("job %d not run: %s", job.id, e);
        } finally {
            forget(job);
            if (result == JobRunner.Result.RAN) {
                // not after a lost race or busy roles: that would only spin until the other holder finishes
                loop.wake();
            }
        }
    }

    private synchronized void forget(ApplyJob job) {
        runningJobs.remove(job.id);
        runningKeys.remove(job.jobKey);
        job.roles.forEach(runningRoles::remove);
    }
}
