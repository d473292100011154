package io.gatehouse.grant.apply;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.events.GrantsApplied;
import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.domain.ManagedRole;
import io.gatehouse.grant.domain.Statement;
import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.AuditLog;
import io.gatehouse.grant.persistence.JobQueue;
import io.gatehouse.grant.persistence.Ledger;
import io.gatehouse.grant.persistence.RoleRegistry;
import io.gatehouse.grant.snowflake.ErrorClassifier;
import io.gatehouse.grant.snowflake.StatementRunner;
import io.gatehouse.grant.snowflake.StatementRunner.Outcome;
import io.gatehouse.messaging.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one job: plan (desired minus the applied ledger), run the statements through snowflake-jdbc, then in
 * one database transaction record the ledger, the audit rows, GrantsApplied (outbox) and the job's outcome.
 *
 * <p>A crash between Snowflake and that commit only repeats statements that are no-ops the second time
 * ({@code CREATE ROLE IF NOT EXISTS}, re-GRANT, REVOKE of nothing). A transient failure keeps what succeeded and
 * retries the rest with capped exponential back-off; a permanent one, or too many attempts, parks the job.
 */
@ApplicationScoped
public class JobApplier {

    private final AgroalDataSource snowflake;
    private final GrantModel model;
    private final RoleRegistry registry;
    private final Ledger ledger;
    private final JobQueue jobs;
    private final AuditLog audit;
    private final Outbox outbox;
    private final GrantConfig.Apply config;
    private final MeterRegistry meters;

    JobApplier(@DataSource("snowflake") AgroalDataSource snowflake, GrantModel model, RoleRegistry registry,
               Ledger ledger, JobQueue jobs, AuditLog audit, Outbox outbox, GrantConfig config, MeterRegistry meters) {
        this.snowflake = snowflake;
        this.model = model;
        this.registry = registry;
        this.ledger = ledger;
        this.jobs = jobs;
        this.audit = audit;
        this.outbox = outbox;
        this.config = config.apply();
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
        ApplyJob job = QuarkusTransaction.requiringNew().call(() -> jobs.find(candidate.id())).orElse(null);
        if (job == null || !ApplyJob.PENDING.equals(job.status()) || job.attempts() != candidate.attempts()) {
            return;
        }
        List<Statement> plan;
        try {
            plan = QuarkusTransaction.requiringNew().call(() -> plan(job.roles()));
        } catch (RuntimeException e) {
            Log.errorf(e, "job %d cannot be planned", job.id());
            QuarkusTransaction.requiringNew().run(() -> jobs.park(job.id(), job.attempts() + 1, "plan: " + e.getMessage()));
            return;
        }
        List<Outcome> outcomes = List.of();
        SQLException failure = null;
        if (!plan.isEmpty()) {
            try (Connection c = snowflake.getConnection()) {
                outcomes = StatementRunner.run(c, plan);
            } catch (SQLException e) {
                failure = e;
            }
        }
        SQLException connectionFailure = failure;
        List<Outcome> done = outcomes;
        QuarkusTransaction.requiringNew().run(() -> record(job, done, connectionFailure));
    }

    private void record(ApplyJob job, List<Outcome> outcomes, SQLException connectionFailure) {
        Map<String, List<String>> appliedByRole = new LinkedHashMap<>();
        SQLException failure = connectionFailure;
        for (Outcome o : outcomes) {
            Statement s = o.statement();
            audit.append(job.id(), job.eventId(), job.eventType(), job.login(), s.role(), s.sql(), o.durationMs(),
                    o.ok() ? "OK" : "FAILED", o.ok() ? null : ErrorClassifier.code(o.error()),
                    o.ok() ? null : o.error().getMessage());
            meters.counter("gatehouse.grant.statements", "outcome", o.ok() ? "ok" : "failed").increment();
            if (o.ok()) {
                ledger.record(s);
                appliedByRole.computeIfAbsent(s.role(), r -> new ArrayList<>()).add(s.sql());
            } else {
                failure = o.error();
            }
        }
        appliedByRole.forEach((role, sql) -> outbox.publish(new GrantsApplied(role, job.eventId(), job.eventType(), sql)));
        if (failure == null) {
            jobs.done(job.id());
            return;
        }
        int attempts = job.attempts() + 1;
        String error = ErrorClassifier.code(failure) + " " + failure.getMessage();
        if (ErrorClassifier.isTransient(failure) && attempts < config.maxAttempts()) {
            jobs.retryLater(job.id(), attempts, Instant.now().plus(backoff(attempts)), error);
            Log.warnf("job %d attempt %d failed (transient, retrying): %s", job.id(), attempts, error);
        } else {
            jobs.park(job.id(), attempts, error);
            meters.counter("gatehouse.grant.jobs.parked").increment();
            Log.errorf("job %d parked after %d attempt(s): %s", job.id(), attempts, error);
        }
    }

    /** A failure that is not a classified Snowflake error: backs off like a transient one, parked when attempts run out. */
    public void failedUnexpectedly(ApplyJob job, RuntimeException e) {
        int attempts = job.attempts() + 1;
        String error = "unexpected: " + e;
        QuarkusTransaction.requiringNew().run(() -> {
            if (attempts < config.maxAttempts()) {
                jobs.retryLater(job.id(), attempts, Instant.now().plus(backoff(attempts)), error);
            } else {
                jobs.park(job.id(), attempts, error);
                meters.counter("gatehouse.grant.jobs.parked").increment();
            }
        });
    }

    private Duration backoff(int attempts) {
        long base = config.backoffBase().toMillis();
        long delay = base << Math.min(attempts - 1, 20);
        return Duration.ofMillis(Math.min(delay, config.backoffMax().toMillis()));
    }
}
