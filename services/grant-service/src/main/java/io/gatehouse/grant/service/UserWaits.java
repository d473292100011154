package io.gatehouse.grant.service;

import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.domain.Grant;
import io.gatehouse.grant.domain.ManagedRole;
import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.JobQueue;
import io.gatehouse.grant.persistence.JobStatus;
import io.gatehouse.grant.snowflake.ErrorClassifier;
import io.gatehouse.grant.snowflake.StatementRunner.Outcome;
import io.gatehouse.naming.RoleNames;
import io.gatehouse.retry.Backoff;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jobs whose user Snowflake does not know yet. Identity provisioning (the SCIM push) reaches Snowflake minutes or hours
 * after the HR event, and Snowflake announces nothing when it does, so such a job asks again on its own back-off
 * ({@code apply.user-wait}) in status WAITING_FOR_USER: never using up attempts, parked only once the horizon has
 * passed. The back-off step bounds how long a user who appeared waits for the grant.
 *
 * <p>One audit line per wait: the try that starts it audits the failed GRANT as "waiting for user ..."; later tries in
 * the wait audit nothing of it until the grant succeeds (audited OK) or the job parks (audited with the reason). Every
 * statement that succeeds on the way is audited as always.
 *
 * <p>A job plans from the facts each time it runs, so a leave queued meanwhile wins: it wakes the waiting job of its key
 * ({@link JobQueue#enqueue}), and once the user role holds nothing the user is no longer waited for (an empty role gives
 * the user nothing; its grant follows with the user's next change).
 */
@ApplicationScoped
public class UserWaits {

    /** What a try that found the job's user missing does next. */
    enum Next {
        /** The wait starts: audited once. */
        START_WAIT,
        /** The wait goes on: not audited. */
        WAIT_ON,
        /** The horizon passed: parked for an operator. */
        PARK,
        /** The user role holds nothing any more: done without the grant. */
        NOTHING_TO_GIVE
    }

    /** The decision for one try, with the note that goes to the audit row (when audited) and the job's last error. */
    record Step(Next next, Instant since, String note) {
        boolean audited() {
            return next != Next.WAIT_ON;
        }
    }

    private final JobQueue jobs;
    private final GrantModel model;
    private final MeterRegistry meters;
    private final Backoff backoff;
    private final Duration horizon;
    private final AtomicLong waiting = new AtomicLong();

    UserWaits(JobQueue jobs, GrantModel model, MeterRegistry meters, GrantConfig config) {
        this.jobs = jobs;
        this.model = model;
        this.meters = meters;
        this.backoff = new Backoff(config.apply().userWait().backoffBase(), config.apply().userWait().backoffMax());
        this.horizon = config.apply().userWait().horizon();
        Gauge.builder("gatehouse.grant.jobs.waiting_for_user", waiting, AtomicLong::get)
                .description("Apply jobs waiting for their user to exist in Snowflake (status WAITING_FOR_USER)")
                .register(meters);
    }

    /**
     * True when the failed statement grants a role to the job's own user and Snowflake says that user does not exist.
     * Not a missing role, table or any other user: those fail as they always did.
     */
    static boolean missingUser(ApplyJob job, Outcome failed) {
        if (job.login == null || failed.ok() || !failed.statement().adds()
                || !(failed.statement().grant() instanceof Grant.GrantedTo to) || to.grantee() != Grant.Grantee.USER) {
            return false;
        }
        String user = RoleNames.userObject(job.login);
        return to.name().equals(user) && ErrorClassifier.isUserMissing(failed.error(), user);
    }

    /**
     * Decides the try's outcome; reads the facts, so call it in the transaction that records the try. {@code unrun}
     * statements of the plan came after the failed one: a job is only done without its user grant when nothing else of
     * it is left.
     */
    Step step(ApplyJob job, Outcome failed, int unrun, Instant now) {
        String user = RoleNames.userObject(job.login);
        String error = ErrorClassifier.code(failed.error()) + " " + failed.error().getMessage();
        boolean waiting = job.status == JobStatus.WAITING_FOR_USER && job.waitingSince != null;
        Instant since = waiting ? job.waitingSince : now;
        if (unrun == 0 && model.desired().holds(new ManagedRole.User(job.login)).isEmpty()) {
            return new Step(Next.NOTHING_TO_GIVE, since, "user " + user + " does not exist in Snowflake and its role holds "
                    + "nothing now: not waited for (granted with the user's next change): " + error);
        }
        Instant deadline = since.plus(horizon);
        if (!now.isBefore(deadline)) {
            return new Step(Next.PARK, since, "user " + user + " did not appear in Snowflake within " + horizon
                    + " (waiting since " + since + "): " + error);
        }
        return new Step(waiting ? Next.WAIT_ON : Next.START_WAIT, since, "waiting for user " + user
                + " to exist in Snowflake (since " + since + ", parks at " + deadline + "): " + error);
    }

    /**
     * Records the step's outcome on the job (in the fenced transaction that records the try). The next try comes after
     * the back-off step, never after the horizon; at once when a job of its key was queued since its last try, whose
     * facts the next plan must see (a leave the waiting job stood in front of).
     */
    void record(ApplyJob job, Step step, Instant now) {
        switch (step.next()) {
            case NOTHING_TO_GIVE -> {
                jobs.done(job.id);
                Log.infof("job %d done without its user grant: %s", job.id, step.note());
            }
            case PARK -> {
                jobs.park(job.id, job.attempts, step.note());
                meters.counter("gatehouse.grant.jobs.parked").increment();
                Log.errorf("job %d parked: %s", job.id, step.note());
            }
            case START_WAIT, WAIT_ON -> {
                int tries = step.next() == Next.START_WAIT ? 1 : job.userWaits + 1;
                Instant at = now.plus(backoff.delay(tries));
                Instant deadline = step.since().plus(horizon);
                if (at.isAfter(deadline)) {
                    at = deadline;
                }
                if (jobs.laterOfKeySince(job.jobKey, job.id, job.updatedAt)) {
                    at = now;
                }
                jobs.waitForUser(job.id, step.since(), tries, at, step.note());
                meters.counter("gatehouse.grant.jobs.retried", "cause", "user").increment();
                if (step.next() == Next.START_WAIT) {
                    Log.warnf("job %d: %s", job.id, step.note());
                } else {
                    Log.debugf("job %d still waits for its user (try %d), next at %s", job.id, (Integer) tries, at);
                }
            }
        }
    }

    /** Keeps the gauge current for this instance (every instance reads the same count from the database). */
    @Scheduled(every = "${gatehouse.grant.apply.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void count() {
        try {
            waiting.set(QuarkusTransaction.requiringNew().call(jobs::countWaitingForUser));
        } catch (RuntimeException e) {
            Log.debugf("jobs waiting for their user not counted: %s", e);
        }
    }
}
