package io.gatehouse.messaging.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Insert-first deduplication: the event id is recorded in the same transaction as the consumer's effect.
 * A redelivery finds the row and is skipped; a concurrent one waits on the key, then finds it.
 */
@ApplicationScoped
public class Inbox {

    private final EntityManager em;

    Inbox(EntityManager em) {
        this.em = em;
    }

    /** True the first time {@code consumer} sees {@code eventId}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        // ON CONFLICT DO NOTHING leaves the transaction usable (a failed INSERT would abort it on PostgreSQL);
        // H2 accepts it in MODE=PostgreSQL.
        int inserted = em.createNativeQuery("insert into processed_event (consumer, event_id, processed_at) "
                        + "values (?1, ?2, current_timestamp) on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate();
        return inserted == 1;
    }
}
