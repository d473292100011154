package io.gatehouse.webhook.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Requests whose setup was confirmed; the primary key makes SetupCompleted go out once per request. */
@ApplicationScoped
public class SetupCompletions {

    private final EntityManager em;

    SetupCompletions(EntityManager em) {
        this.em = em;
    }

    /** True if this call recorded the completion; false if it was already recorded (or a concurrent call holds it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordFirst(String requestId, String connectionId) {
        return em.createNativeQuery("insert into setup_completion (request_id, connection_id, completed_at) "
                        + "values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, requestId)
                .setParameter(2, connectionId)
                .setParameter(3, Instant.now())
                .executeUpdate() == 1;
    }

    /** Notes the id of the SetupCompleted event, for operators tracing it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void attachEvent(String requestId, String eventId) {
        em.createNativeQuery("update setup_completion set event_id = ?2 where request_id = ?1")
                .setParameter(1, requestId).setParameter(2, eventId).executeUpdate();
    }

    /** Whether the request's setup was already confirmed (and its SetupCompleted written). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean completed(String requestId) {
        return ((Number) em.createNativeQuery("select count(*) from setup_completion where request_id = ?1")
                .setParameter(1, requestId).getSingleResult()).longValue() > 0;
    }
}
