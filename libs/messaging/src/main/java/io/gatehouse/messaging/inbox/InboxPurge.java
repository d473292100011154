package io.gatehouse.messaging.inbox;

import io.gatehouse.messaging.config.MessagingConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Keeps the inbox from growing forever. An id is remembered for {@code gatehouse.messaging.inbox.retention}
 * (default 30 days, well beyond Kafka's default 7-day retention), the window in which a redelivery is
 * recognised.
 */
@ApplicationScoped
class InboxPurge {

    private final EntityManager em;
    private final MessagingConfig config;

    InboxPurge(EntityManager em, MessagingConfig config) {
        this.em = em;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void purge() {
        int purged = em.createNativeQuery("delete from processed_event where processed_at < ?1")
                .setParameter(1, Instant.now().minus(config.inbox().retention()))
                .executeUpdate();
        if (purged > 0) {
            Log.debugf("purged %d processed event ids", purged);
        }
    }
}
