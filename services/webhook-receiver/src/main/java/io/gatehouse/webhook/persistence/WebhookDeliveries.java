package io.gatehouse.webhook.persistence;

import io.gatehouse.messaging.persistence.Columns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Delivery keys of accepted Fivetran webhooks, inserted first so a retried delivery is recognised. */
@ApplicationScoped
public class WebhookDeliveries {

    /** Widths of {@code webhook_delivery.event} and {@code .connection_id}: a sender's long value is cut, not refused. */
    private static final int EVENT_LENGTH = 100;
    private static final int CONNECTION_ID_LENGTH = 200;

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
                .setParameter(2, Columns.truncate(event, EVENT_LENGTH))
                .setParameter(3, Columns.truncate(connectionId, CONNECTION_ID_LENGTH))
                .setParameter(4, outcome)
                .setParameter(5, Instant.now())
                .executeUpdate() == 1;
    }
}
