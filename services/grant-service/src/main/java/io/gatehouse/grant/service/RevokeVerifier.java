package io.gatehouse.grant.service;

import io.gatehouse.events.DriftDetected;
import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.domain.Grant;
import io.gatehouse.grant.domain.Statement;
import io.gatehouse.grant.persistence.AuditLog;
import io.gatehouse.grant.persistence.AuditOutcome;
import io.gatehouse.grant.persistence.Ledger;
import io.gatehouse.grant.snowflake.SnowflakeConnections;
import io.gatehouse.grant.snowflake.StatementRunner.Outcome;
import io.gatehouse.messaging.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads back the roles a job's chunk revoked from (a leave: the user role no longer holds the business role), twice:
 * right after the chunk on the job's own connection (a REVOKE that "succeeded" but left the grant), and once more
 * after {@code drift.verify-delay} (a grant put back by hand right after Gatehouse took it away). A revoked grant
 * still there and still unwanted (neither desired again nor re-applied by a later job, per the facts and ledger of
 * that moment) is an alert: the counter {@code gatehouse.grant.revokes.unverified}, an error log line naming role and
 * grant, an UNVERIFIED audit entry (GET /audit) and DriftDetected through the outbox. Nothing is revoked again here:
 * the drift check's reconcile decides that, as for any drift.
 *
 * <p>The delayed read is in memory: an instance that stops before it runs loses it, and the next drift scan still
 * finds the grant as extra.
 */
@ApplicationScoped
public class RevokeVerifier {

    /** What caused the revokes: the job and its event, for the audit entry. */
    public record Cause(Long jobId, String eventId, String eventType, String login) {
    }

    private final SnowflakeConnections snowflake;
    private final DriftService drift;
    private final Ledger ledger;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Counter unverified;
    private final Duration delay;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "revoke-verifier");
        t.setDaemon(true);
        return t;
    });

    RevokeVerifier(SnowflakeConnections snowflake, DriftService drift, Ledger ledger, AuditLog audit,
                   Outbox outbox, MeterRegistry meters, GrantConfig config) {
        this.snowflake = snowflake;
        this.drift = drift;
        this.ledger = ledger;
        this.audit = audit;
        this.outbox = outbox;
        this.unverified = meters.counter("gatehouse.grant.revokes.unverified");
        this.delay = config.drift().verifyDelay();
    }

    /** The chunk's successful revokes, read back now on the job's connection and again after the delay. */
    public void afterChunk(Connection c, Cause cause, List<Outcome> outcomes) {
        List<Statement> revoked = outcomes.stream().filter(Outcome::ok).map(Outcome::statement)
                .filter(s -> !s.adds() && !(s.grant() instanceof Grant.RoleExists)).toList();
        if (revoked.isEmpty()) {
            return;
        }
        List<Statement> held = revoked;
        try {
            held = verify(c, cause, revoked, "right after it ran");
        } catch (SQLException | RuntimeException e) {
            // not an alert: the read-back itself failed (the job's failure, if any, is handled by the job)
            Log.debugf("revokes of job %d not read back now: %s", cause.jobId(), e.getMessage());
        }
        List<Statement> again = held;
        // one alert per revoke: only those that held now are read again
        if (!again.isEmpty() && !delay.isZero() && !delay.isNegative()) {
            later.schedule(() -> verifyLater(cause, again), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void verifyLater(Cause cause, List<Statement> revoked) {
        try {
            snowflake.withRetryOnLostSession(c -> verify(c, cause, revoked, delay.toSeconds() + " s after it ran"));
        } catch (SQLException | RuntimeException e) {
            Log.warnf("revokes of job %d not read back after %s: %s (the drift check still sees them)",
                    cause.jobId(), delay, e.getMessage());
        }
    }

    /** Alerts for each revoke that does not hold; returns those that do. */
    private List<Statement> verify(Connection c, Cause cause, List<Statement> revoked, String when) throws SQLException {
        Map<String, Optional<Set<Grant>>> actual = new LinkedHashMap<>();
        List<Statement> held = new ArrayList<>();
        for (Statement s : revoked) {
            if (!actual.containsKey(s.role())) {
                actual.put(s.role(), drift.actual(c, s.role()));
            }
            if (actual.get(s.role()).map(grants -> grants.contains(s.grant())).orElse(false) && stillUnwanted(s)) {
                alert(cause, s, when);
            } else {
                held.add(s);
            }
        }
        return held;
    }

    /** Not desired again (a re-join meanwhile) and not re-applied by a later job: Gatehouse did not put it back. */
    private boolean stillUnwanted(Statement s) {
        return QuarkusTransaction.requiringNew().call(() -> !ledger.of(s.role()).contains(s.grant())
                && drift.subject(s.role()).map(subject -> !subject.desired().grants().contains(s.grant())).orElse(true));
    }

    private void alert(Cause cause, Statement s, String when) {
        unverified.increment();
        String message = "revoke not verified " + when + ": role " + s.role() + " still holds " + s.grant()
                + " (put back by hand, or the REVOKE did not hold)";
        Log.errorf("%s; job %d, event %s: %s", message, cause.jobId(), cause.eventId(), s.sql());
        QuarkusTransaction.requiringNew().run(() -> {
            audit.append(cause.jobId(), cause.eventId(), cause.eventType(), cause.login(), s.role(), s.sql(), 0,
                    AuditOutcome.UNVERIFIED, "UNVERIFIED", message);
            outbox.publish(new DriftDetected(s.role(), List.of(), List.of(s.sql())));
        });
    }

    @PreDestroy
    void stop() {
        later.shutdownNow();
    }
}
