package io.gatehouse.grant.persistence;

import io.gatehouse.messaging.persistence.Columns;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every statement run against Snowflake: its cause, duration and outcome. Append-only. */
@ApplicationScoped
public class AuditLog {

    public void append(Long jobId, String eventId, String eventType, String login, String role, String statement,
                       long durationMs, AuditOutcome outcome, String errorCode, String errorMessage) {
        AuditEntry entry = new AuditEntry();
        entry.executedAt = Instant.now();
        entry.jobId = jobId;
        entry.eventId = eventId;
        entry.eventType = eventType;
        entry.login = login;
        entry.roleName = role;
        entry.statement = statement;
        entry.durationMs = durationMs;
        entry.outcome = outcome;
        entry.errorCode = errorCode;
        entry.errorMessage = Columns.error(errorMessage);
        entry.persist();
    }

    /** Newest first; each filter applies when given. {@code login} matches the user an entry was about. */
    /** Newest first; {@code beforeId} (null: from the newest) pages back through older entries by id. */
    public List<AuditEntry> find(String login, String role, String eventId, Long beforeId, int limit) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (login != null) {
            where.add("login = :login");
            params.and("login", login);
        }
        if (role != null) {
            where.add("roleName = :role");
            params.and("role", role);
        }
        if (eventId != null) {
            where.add("eventId = :event");
            params.and("event", eventId);
        }
        if (beforeId != null) {
            where.add("id < :before");
            params.and("before", beforeId);
        }
        Sort newestFirst = Sort.descending("id");
        var query = where.isEmpty() ? AuditEntry.<AuditEntry>findAll(newestFirst)
                : AuditEntry.<AuditEntry>find(String.join(" and ", where), newestFirst, params);
        return query.page(0, limit).list();
    }
}
