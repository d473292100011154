package io.gatehouse.grant.service;

import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.domain.GrantsAppliedChunks;
import io.gatehouse.grant.domain.ManagedRole;
import io.gatehouse.grant.domain.Statement;
import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.JobQueue;
import io.gatehouse.grant.persistence.JobStatus;
import io.gatehouse.grant.persistence.Ledger;
import io.gatehouse.grant.persistence.RoleRegistry;
import io.gatehouse.grant.snowflake.ErrorClassifier;
import io.gatehouse.grant.snowflake.SnowflakeConnections;
import io.gatehouse.grant.snowflake.StatementRunner;
import io.gatehouse.grant.snowflake.StatementRunner.Outcome;
import io.gatehouse.messaging.outbox.Outbox;
import io.gatehouse.messaging.persistence.DatabaseFailure;
import io.gatehouse.retry.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Applies one job: plan (desired minus the applied ledger), then run the plan through snowflake-jdbc in chunks of
 * {@code apply.chunk-size} statements, in plan order, stopping at the first failure. After each chunk one database
 * transaction records what that chunk did: its ledger rows, audit rows and GrantsApplied (outbox), and with the last
 * chunk or the failure the job's outcome. A job stays PENDING while its chunks commit.
 *
 * <p>A crash (even SIGKILL) therefore loses at most the records of the chunk in flight: the restarted worker plans again
 * from the ledger, so the statements of committed chunks are neither run nor audited again, and only the lost chunk's
 * statements run a second time, where they are no-ops ({@code CREATE ROLE IF NOT EXISTS}, re-GRANT, REVOKE of nothing),
 * and are audited once. Held roles the first plan pulled in are added to the job's roles with the first chunk, so a
 * re-plan still completes them once an earlier chunk created them.
 *
 * <p>Failures: an outage (Snowflake unreachable, slow, failing or a lost session; our own database away while planning
 * or recording) is retried with the shared capped back-off ({@link Backoff}) for as long as it lasts and never parks
 * ({@link ApplyJob#outages}, readiness {@link SnowflakeHealth}); a cause that may heal retries the same way but parks
 * after {@code max-attempts}; a permanent refusal parks at once. A lost session also evicts the pool, so the retry runs
 * on a new login.
 */
@ApplicationScoped
public class JobApplier {

    /** Why an attempt failed, which decides between waiting, retrying and parking. */
    enum Cause {
        /** Snowflake or our database away or failing: retried for as long as it lasts, never parked. */
        OUTAGE,
        /** May heal (an object not there yet, an unknown error): retried until the attempts run out. */
        TRANSIENT,
        /** Retrying cannot help: parked for an operator. */
        PERMANENT
    }

    private final SnowflakeConnections snowflake;
    private final SnowflakeHealth health;
    private final GrantModel model;
    private final RoleRegistry registry;
    private final Ledger ledger;
    private final JobQueue jobs;
    private final StatementRecorder recorder;
    private final Outbox outbox;
    private final int maxAttempts;
    private final int chunkSize;
    private final Backoff backoff;
    private final MeterRegistry meters;
    private final ReentrantLock recording = new ReentrantLock();

    JobApplier(SnowflakeConnections snowflake, SnowflakeHealth health, GrantModel model, RoleRegistry registry,
               Ledger ledger, JobQueue jobs, StatementRecorder recorder, Outbox outbox, GrantConfig config,
               MeterRegistry meters) {
        this.snowflake = snowflake;
        this.health = health;
        this.model = model;
        this.registry = registry;
        this.ledger = ledger;
        this.jobs = jobs;
        this.recorder = recorder;
        this.outbox = outbox;
        this.maxAttempts = config.apply().maxAttempts();
        this.chunkSize = Math.max(1, config.apply().chunkSize());
        this.backoff = new Backoff(config.apply().backoffBase(), config.apply().backoffMax());
        this.meters = meters;
    }

    /** The plan of a job from the current desired state and ledger; call inside a transaction. */
    public List<Statement> plan(List<String> roleNames) {
        List<ManagedRole> roles = new ArrayList<>();
        for (String name : roleNames) {
            roles.add(registry.resolve(name).orElseThrow(() -> new IllegalStateException("unregistered role " + name)));
        }
        return model.planner().plan(roles, ledger::of);
    }

    public void apply(ApplyJob candidate) {
        // the worker's list may be stale: act only on the job as it stands now
        ApplyJob job = QuarkusTransaction.requiringNew().call(() -> jobs.find(candidate.id)).orElse(null);
        if (job == null || job.status != JobStatus.PENDING || job.attempts != candidate.attempts
                || job.outages != candidate.outages || job.nextAttemptAt.isAfter(Instant.now())) {
            return;
        }
        List<Statement> plan;
        try {
            plan = QuarkusTransaction.requiringNew().call(() -> plan(job.roles));
        } catch (RuntimeException e) {
            // planning reads the facts and the ledger: an outage of our own database is waited out, a lock conflict
            // retried; only a plan that cannot be made (an unregistered role) parks at once
            Cause cause = of(DatabaseFailure.of(e));
            if (cause == Cause.PERMANENT) {
                Log.errorf(e, "job %d cannot be planned", job.id);
            }
            QuarkusTransaction.requiringNew().run(() -> failed(job, cause, "plan: " + e.getMessage()));
            return;
        }
        if (plan.isEmpty()) {
            recordLocked(job, List.of(), List.of(), true, null);
            return;
        }
        Connection connection;
        try {
            connection = snowflake.borrow();
        } catch (SQLException e) {
            snowflake.evictIfSessionLost(e);
            recordLocked(job, List.of(), List.of(), true, e);
            return;
        }
        try (Connection c = connection) {
            for (int from = 0; from < plan.size(); from += chunkSize) {
                List<Outcome> outcomes = StatementRunner.run(c, plan.subList(from, Math.min(plan.size(), from + chunkSize)));
                SQLException failure = outcomes.get(outcomes.size() - 1).error();
                // a dead session fails the job's attempt; evicting it lets the retry log in anew
                snowflake.evictIfSessionLost(failure);
                boolean last = failure != null || from + outcomes.size() == plan.size();
                recordLocked(job, from == 0 ? pulledIn(job, plan) : List.of(), outcomes, last, failure);
                if (failure != null) {
                    return;
                }
            }
        } catch (SQLException closing) {
            Log.debugf(closing, "job %d: closing its Snowflake connection failed", job.id);
        }
    }

    /** Roles in the plan that the job does not name: held roles the planner pulled in because they were not created. */
    private static List<String> pulledIn(ApplyJob job, List<Statement> plan) {
        Set<String> roles = new LinkedHashSet<>();
        plan.forEach(s -> roles.add(s.role()));
        roles.removeAll(job.roles);
        return List.copyOf(roles);
    }

    /**
     * Records one chunk in its own transaction. One job records at a time: the worker keeps apart only the roles a job
     * names, so two running jobs may both plan a role neither names (one both hold, not created yet); recorded at once,
     * their ledger rows would wait on each other in opposite orders until the database gave up on both.
     */
    private void recordLocked(ApplyJob job, List<String> pulledIn, List<Outcome> outcomes, boolean last,
                              SQLException failure) {
        recording.lock();
        try {
            QuarkusTransaction.requiringNew().run(() -> record(job, pulledIn, outcomes, last, failure));
        } finally {
            recording.unlock();
        }
        if (outcomes.stream().anyMatch(Outcome::ok)) {
            health.reachable();
        }
    }

    private void record(ApplyJob job, List<String> pulledIn, List<Outcome> outcomes, boolean last,
                        SQLException failure) {
        if (!pulledIn.isEmpty()) {
            jobs.addRoles(job.id, pulledIn);
        }
        Map<String, List<String>> appliedByRole = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            Statement s = o.statement();
            recorder.record(job.id, job.eventId, job.eventType, job.login, o);
            meters.counter("gatehouse.grant.statements", "outcome", o.ok() ? "ok" : "failed").increment();
            if (o.ok()) {
                appliedByRole.computeIfAbsent(s.role(), r -> new ArrayList<>()).add(s.sql());
            }
        }
        // in chunks: a first apply of thousands of statements on one role would not fit one Kafka record
        appliedByRole.forEach((role, sql) -> GrantsAppliedChunks.of(role, job.eventId, job.eventType, sql)
                .forEach(outbox::publish));
        if (!last) {
            return;
        }
        if (failure == null) {
            jobs.done(job.id);
            return;
        }
        Cause cause = ErrorClassifier.isOutage(failure) ? Cause.OUTAGE
                : ErrorClassifier.isTransient(failure) ? Cause.TRANSIENT : Cause.PERMANENT;
        failed(job, cause, ErrorClassifier.code(failure) + " " + failure.getMessage());
    }

    /** A failed attempt: an outage waits with back-off, a transient cause retries until the attempts run out, then or else it parks. */
    private void failed(ApplyJob job, Cause cause, String error) {
        if (cause == Cause.OUTAGE) {
            meters.counter("gatehouse.grant.jobs.retried", "cause", "outage").increment();
            int outages = job.outages + 1;
            jobs.waitOutOutage(job.id, outages, Instant.now().plus(backoff.delay(outages)), error);
            health.unreachable(error);
            Log.warnf("job %d waits out an outage (%d so far, never parked): %s", job.id, outages, error);
            return;
        }
        int attempts = job.attempts + 1;
        if (cause == Cause.TRANSIENT && attempts < maxAttempts) {
            jobs.retryLater(job.id, attempts, Instant.now().plus(backoff.delay(attempts)), error);
            meters.counter("gatehouse.grant.jobs.retried", "cause", "transient").increment();
            Log.warnf("job %d attempt %d failed (transient, retrying): %s", job.id, attempts, error);
        } else {
            jobs.park(job.id, attempts, error);
            meters.counter("gatehouse.grant.jobs.parked").increment();
            Log.errorf("job %d parked after %d attempt(s): %s", job.id, attempts, error);
        }
    }

    /**
     * A failure that is not a classified Snowflake error: our own database away while recording is waited out, anything
     * else backs off like a transient cause (parked when the attempts run out). When even that cannot be written (the
     * database still away), the job stays as it was and the next round tries it again.
     */
    public void failedUnexpectedly(ApplyJob job, RuntimeException e) {
        Cause cause = DatabaseFailure.of(e) == DatabaseFailure.OUTAGE ? Cause.OUTAGE : Cause.TRANSIENT;
        try {
            QuarkusTransaction.requiringNew().run(() -> failed(job, cause, "unexpected: " + e));
        } catch (RuntimeException unrecorded) {
            Log.warnf("job %d: its failure could not be recorded either (%s); tried again next round", job.id, unrecorded);
        }
    }

    private static Cause of(DatabaseFailure failure) {
        switch (failure) {
            case OUTAGE:
                return Cause.OUTAGE;
            case CONFLICT:
                return Cause.TRANSIENT;
            default:
                return Cause.PERMANENT;
        }
    }
}
