package io.gatehouse.grant.service;

import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.domain.Grant;
import io.gatehouse.grant.domain.GrantsAppliedChunks;
import io.gatehouse.grant.domain.ManagedRole;
import io.gatehouse.grant.domain.SchemaRef;
import io.gatehouse.grant.domain.Statement;
import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.JobQueue;
import io.gatehouse.grant.persistence.Ledger;
import io.gatehouse.grant.persistence.RoleRegistry;
import io.gatehouse.grant.snowflake.ErrorClassifier;
import io.gatehouse.grant.snowflake.ExistingSchemaCheck;
import io.gatehouse.grant.snowflake.SnowflakeConnections;
import io.gatehouse.grant.snowflake.StatementRunner;
import io.gatehouse.grant.snowflake.StatementRunner.Outcome;
import io.gatehouse.messaging.outbox.Outbox;
import io.gatehouse.messaging.persistence.DatabaseFailure;
import io.gatehouse.retry.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * <p>Many instances: the job runs under a claim in the database ({@link Claim}, {@link JobRunner}) with every role its
 * plan touches locked there for the whole plan, execute and record, so no other job plans those roles against a ledger
 * that is about to change. Every write of results is fenced by the claim's token: after a takeover (the lease ran out)
 * the old holder writes nothing more and stops; the new one plans again from the ledger.
 *
 * <p>Failures: an outage (Snowflake unreachable, slow, failing or a lost session; our own database away while planning
 * or recording) is retried with the shared capped back-off ({@link Backoff}) for as long as it lasts and never parks
 * ({@link ApplyJob#outages}, readiness {@link SnowflakeHealth}); a cause that may heal retries the same way but parks
 * after {@code max-attempts}; a permanent refusal parks at once. A lost session also evicts the pool, so the retry runs
 * on a new login. A GRANT of the user role to a user Snowflake does not know yet waits for the user ({@link UserWaits}).
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
    private final ClaimKeeper claims;
    private final DriftService drift;
    private final UserWaits userWaits;
    private final RevokeVerifier verifier;

    JobApplier(SnowflakeConnections snowflake, SnowflakeHealth health, GrantModel model, RoleRegistry registry,
               Ledger ledger, JobQueue jobs, StatementRecorder recorder, Outbox outbox, GrantConfig config,
               MeterRegistry meters, ClaimKeeper claims, DriftService drift, UserWaits userWaits,
               RevokeVerifier verifier) {
        this.verifier = verifier;
        this.claims = claims;
        this.userWaits = userWaits;
        this.drift = drift;
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

    /**
     * Executes and records the job under the claim, with every role it names locked. An APPLY job arrives planned (by
     * {@link #planLocked} in the transaction that claimed it); a reconcile job is planned here from Snowflake's grants,
     * locking the roles that plan touches. False when one of them is locked by another job (the caller releases the
     * claim and the job waits for a later round, not failed). A claim lost on the way ends the run without recording
     * its last results: the new holder plans again from the ledger.
     */
    public boolean apply(ApplyJob job, Claim claim, List<Statement> planned) {
        if (!job.unfinished()) {
            return true;
        }
        Connection connection = null;
        List<Statement> plan = planned;
        if (plan == null) {
            try {
                connection = snowflake.borrow();
                plan = planReconcile(job, claim, connection);
            } catch (SQLException e) {
                close(job, connection);
                snowflake.evictIfSessionLost(e);
                recordFenced(job, claim, List.of(), List.of(), true, e);
                return true;
            } catch (RuntimeException e) {
                close(job, connection);
                // planning reads the ledger: an outage of our own database is waited out, a lock conflict retried
                Cause cause = of(DatabaseFailure.of(e));
                if (cause == Cause.PERMANENT) {
                    Log.errorf(e, "job %d cannot be planned", job.id);
                }
                fenced(job, claim, () -> failed(job, claim, cause, "plan: " + e.getMessage()));
                return true;
            }
            if (plan == null) {
                close(job, connection);
                return false;
            }
        }
        if (plan.isEmpty()) {
            close(job, connection);
            recordFenced(job, claim, List.of(), List.of(), true, null);
            return true;
        }
        if (connection == null) {
            try {
                connection = snowflake.borrow();
            } catch (SQLException e) {
                snowflake.evictIfSessionLost(e);
                recordFenced(job, claim, List.of(), List.of(), true, e);
                return true;
            }
        }
        try (Connection c = connection) {
            if (refusedSchema(job, claim, c, plan)) {
                return true;
            }
            for (int from = 0; from < plan.size(); from += chunkSize) {
                List<Statement> chunk = plan.subList(from, Math.min(plan.size(), from + chunkSize));
                List<Outcome> outcomes = StatementRunner.run(c, chunk, claim::held);
                boolean stopped = outcomes.size() < chunk.size()
                        && (outcomes.isEmpty() || outcomes.get(outcomes.size() - 1).ok());
                if (stopped || !claim.held()) {
                    fencedOut(job, claim);
                    return true;
                }
                SQLException failure = outcomes.get(outcomes.size() - 1).error();
                // a dead session fails the job's attempt; evicting it lets the retry log in anew
                snowflake.evictIfSessionLost(failure);
                boolean last = failure != null || from + outcomes.size() == plan.size();
                // the user's defaults (ALTER USER) need a missing user as much as its grant does: not work left without it
                int unrun = (int) plan.subList(from + outcomes.size(), plan.size()).stream()
                        .filter(s -> !(s.grant() instanceof Grant.UserDefaults)).count();
                if (!recordFenced(job, claim, from == 0 ? pulledIn(job, plan) : List.of(), outcomes, last, failure, unrun)) {
                    return true;
                }
                verifier.afterChunk(c, new RevokeVerifier.Cause(job.id, job.eventId, job.eventType, job.login), outcomes);
                if (failure != null) {
                    return true;
                }
            }
        } catch (SQLException closing) {
            Log.debugf(closing, "job %d: closing its Snowflake connection failed", job.id);
        }
        return true;
    }

    /**
     * An APPLY job's plan from the ledger, in the caller's transaction (the one that claimed the job), with every role
     * it touches locked by the claim: a plan that pulls in a role the claim does not hold yet (a held role not created)
     * locks it and plans again, since that role's ledger may have moved meanwhile. Null when a role is locked by
     * another job, or the plan keeps reaching further: the caller rolls back. Throws {@link IllegalStateException}
     * when a role the job names is not registered (not {@code @Transactional}: the interceptor would doom the
     * transaction that records it).
     */
    public List<Statement> planLocked(ApplyJob job, Claim claim) {
        for (int tries = 0; tries < 3; tries++) {
            List<Statement> plan = plan(job.roles);
            Set<String> touched = touched(plan);
            if (claim.covers(touched)) {
                return plan;
            }
            if (!claims.lockHere(claim, touched)) {
                return null;
            }
        }
        return null;
    }

    /** A job that cannot be planned at all (a role it names is not registered): parked at once with the reason. */
    public void planFailed(ApplyJob job, Claim claim, RuntimeException e) {
        Log.errorf(e, "job %d cannot be planned", job.id);
        fenced(job, claim, () -> failed(job, claim, Cause.PERMANENT, "plan: " + e.getMessage()));
    }

    /** A reconcile job's plan from Snowflake's grants, locking (each time in a transaction of its own) what it touches. */
    private List<Statement> planReconcile(ApplyJob job, Claim claim, Connection snowflakeConnection) throws SQLException {
        for (int tries = 0; tries < 3; tries++) {
            List<Statement> plan = drift.fix(snowflakeConnection, job.roles);
            if (claim.covers(touched(plan))) {
                return plan;
            }
            if (!claims.lock(claim, touched(plan))) {
                return null;
            }
        }
        return null;
    }

    private static Set<String> touched(List<Statement> plan) {
        Set<String> touched = new LinkedHashSet<>();
        plan.forEach(s -> touched.add(s.role()));
        return touched;
    }

    /**
     * A shared schema the plan would create that already exists without managed access, or owned by another role, is
     * not Gatehouse's to manage: the job parks at once with the reason (ExistingSchemaCheck). True when it did.
     */
    private boolean refusedSchema(ApplyJob job, Claim claim, Connection c, List<Statement> plan) {
        for (Statement s : plan) {
            if (s.grant() instanceof Grant.ManagedSchema m) {
                Optional<String> refusal;
                try {
                    refusal = ExistingSchemaCheck.refusal(c, new SchemaRef(m.database(), m.schema()));
                } catch (SQLException e) {
                    snowflake.evictIfSessionLost(e);
                    recordFenced(job, claim, List.of(), List.of(), true, e);
                    return true;
                }
                if (refusal.isPresent()) {
                    Log.errorf("job %d: %s", job.id, refusal.get());
                    fenced(job, claim, () -> failed(job, claim, Cause.PERMANENT, refusal.get()));
                    return true;
                }
            }
        }
        return false;
    }

    private void close(ApplyJob job, Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                Log.debugf(e, "job %d: closing its Snowflake connection failed", job.id);
            }
        }
    }

    /** Runs a result-writing step in its own transaction, fenced by the claim; false when another holder took over. */
    private boolean fenced(ApplyJob job, Claim claim, Runnable step) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                claims.fence(claim);
                step.run();
            });
            return true;
        } catch (ClaimKeeper.ClaimLost lost) {
            fencedOut(job, claim);
            return false;
        }
    }

    private void fencedOut(ApplyJob job, Claim claim) {
        claim.lost();
        meters.counter("gatehouse.grant.jobs.fenced").increment();
        Log.warnf("job %d: claim of %s taken over by another instance (or lapsed unrenewed); its unrecorded results are "
                + "discarded and the next holder plans again from the ledger", job.id, claim.holder());
    }

    /** Roles in the plan that the job does not name: held roles the planner pulled in because they were not created. */
    private static List<String> pulledIn(ApplyJob job, List<Statement> plan) {
        Set<String> roles = new LinkedHashSet<>();
        plan.forEach(s -> roles.add(s.role()));
        roles.removeAll(job.roles);
        return List.copyOf(roles);
    }

    /**
     * Records one chunk in its own transaction, fenced by the claim (false, nothing written, when another instance took
     * the job over). No lock in this process: every role the job's plan touches is locked in the database by its claim.
     */
    private boolean recordFenced(ApplyJob job, Claim claim, List<String> pulledIn, List<Outcome> outcomes, boolean last,
                                 SQLException failure) {
        return recordFenced(job, claim, pulledIn, outcomes, last, failure, 0);
    }

    /** How long Snowflake took over each statement, as a histogram (percentiles and heatmaps across instances). */
    private Timer statementDuration(String outcome) {
        return Timer.builder("gatehouse.grant.statement.duration").tag("outcome", outcome)
                .description("Time Snowflake took to run one grant statement")
                .publishPercentileHistogram()
                // a GRANT takes milliseconds to seconds; the bounds keep the buckets to that range
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(meters);
    }

    /** {@code unrun}: statements of the plan after the failed one, which a failure leaves for the next try. */
    private boolean recordFenced(ApplyJob job, Claim claim, List<String> pulledIn, List<Outcome> outcomes, boolean last,
                                 SQLException failure, int unrun) {
        if (!fenced(job, claim, () -> record(job, claim, pulledIn, outcomes, last, failure, unrun))) {
            return false;
        }
        if (outcomes.stream().anyMatch(Outcome::ok)) {
            health.reachable();
        }
        return true;
    }

    private void record(ApplyJob job, Claim claim, List<String> pulledIn, List<Outcome> outcomes, boolean last,
                        SQLException failure, int unrun) {
        if (!pulledIn.isEmpty()) {
            jobs.addRoles(job.id, pulledIn);
        }
        Instant now = Instant.now();
        Outcome failed = failure == null || outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1);
        UserWaits.Step userWait = failed != null && UserWaits.missingUser(job, failed)
                ? userWaits.step(job, failed, unrun, now) : null;
        Map<String, List<String>> appliedByRole = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            Statement s = o.statement();
            if (o != failed || userWait == null) {
                recorder.record(job.id, job.eventId, job.eventType, job.login, o);
            } else if (userWait.audited()) {
                recorder.recordFailure(job.id, job.eventId, job.eventType, job.login, o, userWait.note());
            }
            meters.counter("gatehouse.grant.statements", "outcome", o.ok() ? "ok" : "failed").increment();
            statementDuration(o.ok() ? "ok" : "failed").record(o.durationMs(), TimeUnit.MILLISECONDS);
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
            claims.end(claim);
            return;
        }
        if (userWait != null) {
            // not an attempt: waiting for the user never parks the job before the horizon
            claims.end(claim);
            userWaits.record(job, userWait, now);
            return;
        }
        Cause cause = ErrorClassifier.isOutage(failure) ? Cause.OUTAGE
                : ErrorClassifier.isTransient(failure) ? Cause.TRANSIENT : Cause.PERMANENT;
        failed(job, claim, cause, ErrorClassifier.code(failure) + " " + failure.getMessage());
    }

    /** A failed attempt: an outage waits with back-off, a transient cause retries until the attempts run out, then or else it parks. */
    private void failed(ApplyJob job, Claim claim, Cause cause, String error) {
        claims.end(claim);
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
    public void failedUnexpectedly(ApplyJob job, Claim claim, RuntimeException e) {
        Cause cause = DatabaseFailure.of(e) == DatabaseFailure.OUTAGE ? Cause.OUTAGE : Cause.TRANSIENT;
        try {
            fenced(job, claim, () -> failed(job, claim, cause, "unexpected: " + e));
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
