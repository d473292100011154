package io.gatehouse.grant.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every statement run against Snowflake: its cause, duration and outcome. Append-only. */
@ApplicationScoped
public class AuditLog {

    private final EntityManager em;

    AuditLog(EntityManager em) {
        this.em = em;
    }

    public record Entry(long id, Instant executedAt, Long jobId, String eventId, String eventType, String login,
                        String role, String statement, long durationMs, String outcome, String errorCode,
                        String errorMessage) {
    }

    public void append(Long jobId, String eventId, String eventType, String login, String role, String statement,
                       long durationMs, String outcome, String errorCode, String errorMessage) {
        em.createNativeQuery("insert into audit_entry (executed_at, job_id, event_id, event_type, login, role_name, "
                        + "statement, duration_ms, outcome, error_code, error_message) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                .setParameter(1, Instant.now()).setParameter(2, jobId).setParameter(3, eventId)
                .setParameter(4, eventType).setParameter(5, login).setParameter(6, role).setParameter(7, statement)
                .setParameter(8, durationMs).setParameter(9, outcome).setParameter(10, errorCode)
                .setParameter(11, errorMessage == null || errorMessage.length() <= 2000 ? errorMessage
                        : errorMessage.substring(0, 2000))
                .executeUpdate();
    }

    /** Newest first; each filter applies when given. {@code login} matches the user an entry was about. */
    public List<Entry> find(String login, String role, String eventId, int limit) {
        StringBuilder sql = new StringBuilder("select id, executed_at, job_id, event_id, event_type, login, role_name, "
                + "statement, duration_ms, outcome, error_code, error_message from audit_entry where 1 = 1");
        List<String> params = new ArrayList<>();
        if (login != null) {
            params.add(login);
            sql.append(" and login = ?").append(params.size());
        }
        if (role != null) {
            params.add(role);
            sql.append(" and role_name = ?").append(params.size());
        }
        if (eventId != null) {
            params.add(eventId);
            sql.append(" and event_id = ?").append(params.size());
        }
        sql.append(" order by id desc");
        Query q = em.createNativeQuery(sql.toString()).setMaxResults(limit);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        List<?> rows = q.getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new Entry(((Number) r[0]).longValue(),
                JobQueue.instant(r[1]), r[2] == null ? null : ((Number) r[2]).longValue(), (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7], ((Number) r[8]).longValue(), (String) r[9],
                (String) r[10], (String) r[11])).toList();
    }
}
