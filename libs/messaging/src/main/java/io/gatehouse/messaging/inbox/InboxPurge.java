package io.gatehouse.messaging.inbox;

import io.gatehouse.messaging.cluster.ClusterLeases;
import io.gatehouse.messaging.config.MessagingConfig;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/**
 * Keeps the inbox from growing forever. An id is remembered for {@code gatehouse.messaging.inbox.retention}
 * (default 30 days, well beyond Kafka's default 7-day retention), the window in which a redelivery is
 * recognised. Runs on the instance holding the lease {@value #LEASE}: the instances share one inbox table, and a
 * second purge (after a lost lease) deletes nothing the first did not.
 */
@ApplicationScoped
class InboxPurge {

    static final String LEASE = "inbox-purge";

    private final EntityManager em;
    private final MessagingConfig config;
    private final ClusterLeases leases;

    InboxPurge(EntityManager em, MessagingConfig config, ClusterLeases leases) {
        this.em = em;
        this.config = config;
        this.leases = leases;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purge() {
        leases.runIfHeld(LEASE, () -> {
            int purged = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                            "delete from processed_event where processed_at < ?1")
                    .setParameter(1, Instant.now().minus(config.inbox().retention()))
                    .executeUpdate());
            if (purged > 0) {
                Log.debugf("purged %d processed event ids", purged);
            }
        });
    }
}
