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
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Applies one job: plan (desired minus the applied ledger), run the statements through snowflake-jdbc, then in
 * one database transaction record the ledger, the audit rows, GrantsApplied (outbox) and the job's outcome.
 *
 * <p>A crash between Snowflake and that commit only repeats statements that are no-ops the second time
 * ({@code CREATE ROLE IF NOT EXISTS}, re-GRANT, REVOKE of nothing). A transient failure keeps what succeeded and
 * retries the rest with the shared capped exponential back-off ({@link Backoff}), and so does a passing failure of
 * the service's own database while planning; a permanent one, or too many attempts, parks the job. A lost Snowflake
 * session is transient: the pool's connections are evicted at once, so the retry runs on a new login.
 */
@ApplicationScoped
public class JobApplier {

    private final SnowflakeConnections snowflake;
    private final GrantModel model;
    private final RoleRegistry registry;
    private final Ledger ledger;
    private final JobQueue jobs;
    private final StatementRecorder recorder;
    private final Outbox outbox;
    private final int maxAttempts;
    private final Backoff backoff;
    private final MeterRegistry meters;
    private final ReentrantLock recording = new ReentrantLock();

    JobApplier(SnowflakeConnections snowflake, GrantModel model, RoleRegistry registry,
               Ledger ledger, JobQueue jobs, StatementRecorder recorder, Outbox outbox, GrantConfig config,
               MeterRegistry meters) {
        this.snowflake = snowflake;
        this.model = model;
        this.registry = registry;
        this.ledger = ledger;
        this.jobs = jobs;
        this.recorder = recorder;
        this.outbox = outbox;
        this.maxAttempts = config.apply().maxAttempts();
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
        if (job == null || job.status != JobStatus.PENDING || job.attempts != candidate.attempts) {
            return;
        }
        List<Statement> plan;
        try {
            plan = QuarkusTransaction.requiringNew().call(() -> plan(job.roles));
        } catch (RuntimeException e) {
            // planning reads the facts and the ledger: a passing outage or lock of our own database backs off like a
            // transient Snowflake failure; only a plan that cannot be made (an unregistered role) parks at once
            boolean passing = DatabaseFailure.of(e).passes();
            if (!passing) {
                Log.errorf(e, "job %d cannot be planned", job.id);
            }
            QuarkusTransaction.requiringNew().run(() -> retryOrPark(job, passing, "plan: " + e.getMessage()));
            return;
        }
        List<Outcome> outcomes = List.of();
        SQLException failure = null;
        if (!plan.isEmpty()) {
            try (Connection c = snowflake.borrow()) {
                outcomes = StatementRunner.run(c, plan);
                // a dead session fails the job's attempt; evicting it lets the retry log in anew
                snowflake.evictIfSessionLost(outcomes.get(outcomes.size() - 1).error());
            } catch (SQLException e) {
                failure = e;
                snowflake.evictIfSessionLost(e);
            }
        }
        SQLException connectionFailure = failure;
        List<Outcome> done = outcomes;
        // One job records at a time. The worker keeps apart only the roles a job names, so two running jobs may both
        // plan a role neither names (one both hold, not created yet); recorded at once, their ledger rows would wait
        // on each other in opposite orders until the database gave up on both.
        recording.lock();
        try {
            QuarkusTransaction.requiringNew().run(() -> record(job, done, connectionFailure));
        } finally {
            recording.unlock();
        }
    }

    private void record(ApplyJob job, List<Outcome> outcomes, SQLException connectionFailure) {
        Map<String, List<String>> appliedByRole = new LinkedHashMap<>();
        SQLException failure = connectionFailure;
        for (Outcome o : outcomes) {
            Statement s = o.statement();
            recorder.record(job.id, job.eventId, job.eventType, job.login, o);
            meters.counter("gatehouse.grant.statements", "outcome", o.ok() ? "ok" : "failed").increment();
            if (o.ok()) {
                appliedByRole.computeIfAbsent(s.role(), r -> new ArrayList<>()).add(s.sql());
            } else {
                failure = o.error();
            }
        }
        // in chunks: a first apply of thousands of statements on one role would not fit one Kafka record
        appliedByRole.forEach((role, sql) -> GrantsAppliedChunks.of(role, job.eventId, job.eventType, sql)
                .forEach(outbox::publish));
        if (failure == null) {
            jobs.done(job.id);
            return;
        }
        retryOrPark(job, ErrorClassifier.isTransient(failure), ErrorClassifier.code(failure) + " " + failure.getMessage());
    }

    /** A failed attempt: a transient cause backs off and retries until the attempts run out, then or else it parks. */
    private void retryOrPark(ApplyJob job, boolean transientCause, String error) {
        int attempts = job.attempts + 1;
        if (transientCause && attempts < maxAttempts) {
            jobs.retryLater(job.id, attempts, Instant.now().plus(backoff.delay(attempts)), error);
            Log.warnf("job %d attempt %d failed (transient, retrying): %s", job.id, attempts, error);
        } else {
            jobs.park(job.id, attempts, error);
            meters.counter("gatehouse.grant.jobs.parked").increment();
            Log.errorf("job %d parked after %d attempt(s): %s", job.id, attempts, error);
        }
    }

    /** A failure that is not a classified Snowflake error: backs off like a transient one, parked when attempts run out. */
    public void failedUnexpectedly(ApplyJob job, RuntimeException e) {
        QuarkusTransaction.requiringNew().run(() -> retryOrPark(job, true, "unexpected: " + e));
    }
}
