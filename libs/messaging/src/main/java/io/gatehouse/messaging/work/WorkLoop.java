package io.gatehouse.messaging.work;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The skeleton of every background worker in Gatehouse (the outbox relay, the connector worker, the apply worker):
 * rounds of work run until a round says nothing more is due; a schedule calls {@link #drain()} as a safety net and a
 * committed transaction calls {@link #wake()} so new work starts at once instead of at the next tick.
 *
 * <p>Only one drain runs at a time in this process. A call that finds a drain running does not wait: it makes that
 * drain go round once more, so work committed while a round was reading is never left for the next tick (not even
 * when the call comes as that drain is finishing). Which rows a
 * round may take is the round's business (claims in the database); this class only decides when rounds run.
 */
public final class WorkLoop implements AutoCloseable {

    /** One round of work. */
    @FunctionalInterface
    public interface Round {
        /** Does one batch; true when another batch may be due right away (a full batch), false when it ran dry. */
        boolean run() throws Exception;
    }

    private final String name;
    private final Round round;
    private final ReentrantLock draining = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private final ExecutorService wakeUps;
    private volatile boolean stopped;

    public WorkLoop(String name, Round round) {
        this.name = name;
        this.round = round;
        this.wakeUps = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name + "-wake");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Drains on the loop's own thread, without blocking the caller (an after-commit observer, a finished task). */
    public void wake() {
        try {
            wakeUps.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // shutting down: the next start picks the work up from the database
        }
    }

    /**
     * Runs rounds until one runs dry. A failed round is logged and ends the drain: its work stays due in the
     * database and the next tick or wake-up tries again.
     *
     * <p>The request is noted before the lock is tried, and the holder looks at the notes again after it unlocked: a call
     * that finds the lock taken just as the holder finishes is never lost (it would wait for the next tick, a second).
     */
    public void drain() {
        again.set(true);
        while (!stopped && again.get()) {
            if (!draining.tryLock()) {
                return; // the holder sees the note, before or after its unlock
            }
            try {
                while (!stopped && again.getAndSet(false)) {
                    while (!stopped && round.run()) {
                        // a full batch: more may be due
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                Log.warnf("%s round failed, work stays due: %s", name, e.toString());
                return;
            } finally {
                draining.unlock();
            }
        }
    }

    /**
     * Stops for good when the service begins to stop: no round starts any more, and the caller waits up to
     * {@code atMost} for a running one to end, so what it took is recorded while the database is still there. True
     * when no round runs any more.
     */
    public boolean stop(Duration atMost) {
        stopped = true;
        wakeUps.shutdownNow();
        try {
            if (draining.tryLock(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                draining.unlock();
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public void close() {
        stopped = true;
        wakeUps.shutdownNow();
    }
}
