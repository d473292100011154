package io.gatehouse.grant.service;

import io.gatehouse.grant.domain.Statement;
import io.gatehouse.grant.persistence.AuditLog;
import io.gatehouse.grant.persistence.AuditOutcome;
import io.gatehouse.grant.persistence.Ledger;
import io.gatehouse.grant.snowflake.ErrorClassifier;
import io.gatehouse.grant.snowflake.StatementRunner.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** What a statement run against Snowflake leaves behind: its audit row and, once it succeeded, its ledger effect. */
@ApplicationScoped
public class StatementRecorder {

    private final AuditLog audit;
    private final Ledger ledger;

    StatementRecorder(AuditLog audit, Ledger ledger) {
        this.audit = audit;
        this.ledger = ledger;
    }

    /** Records one outcome with the job and the event (or operator action, reconcile id) that caused it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Long jobId, String eventId, String eventType, String login, Outcome outcome) {
        Statement s = outcome.statement();
        if (outcome.ok()) {
            audit.append(jobId, eventId, eventType, login, s.role(), s.sql(), outcome.durationMs(), AuditOutcome.OK,
                    null, null);
            ledger.record(s);
        } else {
            recordFailure(jobId, eventId, eventType, login, outcome, outcome.error().getMessage());
        }
    }

    /** A failed statement audited with what it means for the job ({@code message}) instead of Snowflake's bare text. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFailure(Long jobId, String eventId, String eventType, String login, Outcome outcome, String message) {
        Statement s = outcome.statement();
        audit.append(jobId, eventId, eventType, login, s.role(), s.sql(), outcome.durationMs(), AuditOutcome.FAILED,
                ErrorClassifier.code(outcome.error()), message);
    }
}
