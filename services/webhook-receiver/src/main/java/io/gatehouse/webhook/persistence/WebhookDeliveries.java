package io.gatehouse.webhook.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Delivery keys of accepted Fivetran webhooks, inserted first so a retried delivery is recognised. */
@ApplicationScoped
public class WebhookDeliveries {

    private final EntityManager em;

    WebhookDeliveries(EntityManager em) {
        this.em = em;
    }

    /** True the first time this delivery key is seen; the row commits with the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordFirst(String deliveryKey, String event, String connectionId, String outcome) {
        // ON CONFLICT DO NOTHING keeps the transaction usable on PostgreSQL; a concurrent twin waits on the key.
        return em.createNativeQuery("insert into webhook_delivery (delivery_key, event, connection_id, outcome, received_at) "
                        + "values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                .setParameter(1, deliveryKey)
                .setParameter(2, truncate(event, 100))
                .setParameter(3, truncate(connectionId, 200))
                .setParameter(4, outcome)
                .setParameter(5, Instant.now())
                .executeUpdate() == 1;
    }

    @Transactional
    public int purgeReceivedBefore(Instant cutoff) {
        return em.createNativeQuery("delete from webhook_delivery where received_at < ?1").setParameter(1, cutoff).executeUpdate();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
