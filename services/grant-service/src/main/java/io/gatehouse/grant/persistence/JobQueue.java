package io.gatehouse.grant.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Apply jobs, written in the same transaction as the facts that call for them (so an event is never lost
 * between the database and Snowflake), then taken by the apply worker.
 */
@ApplicationScoped
public class JobQueue {

    private static final String COLUMNS = "id, job_key, event_id, event_type, login, roles, status, attempts, "
            + "next_attempt_at, last_error, created_at, updated_at";

    private final EntityManager em;

    JobQueue(EntityManager em) {
        this.em = em;
    }

    public void enqueue(String key, String eventId, String eventType, String login, Collection<String> roles) {
        if (roles.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        em.createNativeQuery("insert into apply_job (job_key, event_id, event_type, login, roles, status, attempts, "
                        + "next_attempt_at, created_at, updated_at) values (?1, ?2, ?3, ?4, ?5, 'PENDING', 0, ?6, ?6, ?6)")
                .setParameter(1, key).setParameter(2, eventId).setParameter(3, eventType).setParameter(4, login)
                .setParameter(5, String.join(",", roles)).setParameter(6, now).executeUpdate();
    }

    /** Pending jobs in creation order (due or waiting for a retry). */
    public List<ApplyJob> pending(int limit) {
        return list(em.createNativeQuery("select " + COLUMNS + " from apply_job where status = 'PENDING' order by id")
                .setMaxResults(limit).getResultList());
    }

    public List<ApplyJob> parked() {
        return list(em.createNativeQuery("select " + COLUMNS + " from apply_job where status = 'PARKED' order by id")
                .getResultList());
    }

    public Optional<ApplyJob> find(long id) {
        return list(em.createNativeQuery("select " + COLUMNS + " from apply_job where id = ?1").setParameter(1, id)
                .getResultList()).stream().findFirst();
    }

    public List<ApplyJob> byEvent(String eventId) {
        return list(em.createNativeQuery("select " + COLUMNS + " from apply_job where event_id = ?1 order by id")
                .setParameter(1, eventId).getResultList());
    }

    public long count(String status) {
        return ((Number) em.createNativeQuery("select count(*) from apply_job where status = ?1").setParameter(1, status)
                .getSingleResult()).longValue();
    }

    public void done(long id) {
        em.createNativeQuery("update apply_job set status = 'DONE', last_error = null, updated_at = ?2 where id = ?1")
                .setParameter(1, id).setParameter(2, Instant.now()).executeUpdate();
    }

    public void retryLater(long id, int attempts, Instant at, String error) {
        em.createNativeQuery("update apply_job set attempts = ?2, next_attempt_at = ?3, last_error = ?4, updated_at = ?5 "
                        + "where id = ?1").setParameter(1, id).setParameter(2, attempts).setParameter(3, at)
                .setParameter(4, truncate(error)).setParameter(5, Instant.now()).executeUpdate();
    }

    public void park(long id, int attempts, String error) {
        em.createNativeQuery("update apply_job set status = 'PARKED', attempts = ?2, last_error = ?3, updated_at = ?4 "
                        + "where id = ?1").setParameter(1, id).setParameter(2, attempts).setParameter(3, truncate(error))
                .setParameter(4, Instant.now()).executeUpdate();
    }

    /** An operator's replay: the parked job runs again from a clean attempt count. */
    public boolean replay(long id) {
        return em.createNativeQuery("update apply_job set status = 'PENDING', attempts = 0, next_attempt_at = ?2, "
                        + "updated_at = ?2 where id = ?1 and status = 'PARKED'").setParameter(1, id)
                .setParameter(2, Instant.now()).executeUpdate() == 1;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }

    private static List<ApplyJob> list(List<?> rows) {
        return rows.stream().map(r -> (Object[]) r).map(r -> new ApplyJob(((Number) r[0]).longValue(), (String) r[1],
                (String) r[2], (String) r[3], (String) r[4], Arrays.asList(((String) r[5]).split(",")), (String) r[6],
                ((Number) r[7]).intValue(), instant(r[8]), (String) r[9], instant(r[10]), instant(r[11]))).toList();
    }

    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof java.time.LocalDateTime ldt) {
            return Timestamp.valueOf(ldt).toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + o.getClass());
    }
}
