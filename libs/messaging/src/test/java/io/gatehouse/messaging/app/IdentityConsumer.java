package io.gatehouse.messaging.app;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.messaging.inbox.EventHandlers;
import io.gatehouse.messaging.inbox.EventReceiver;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A test consumer wired the way services wire theirs. */
@ApplicationScoped
public class IdentityConsumer {

    public static final String NAME = "messaging-test";
    /** Users whose joins fail for good until a test "fixes the cause" by removing them. */
    public static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();

    private final EventReceiver receiver;
    private final EntityManager em;
    private final EventHandlers handlers;
    private final Map<String, Integer> conflicts = new ConcurrentHashMap<>();

    IdentityConsumer(EventReceiver receiver, EntityManager em) {
        this.receiver = receiver;
        this.em = em;
        this.handlers = EventHandlers.builder()
                .on(UserJoinedBusiness.class, this::joined)
                .on(UserLeftBusiness.class, this::leftAfterTwoConflicts)
                .build();
    }

    @Incoming("test-identity")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        receiver.receive(NAME, record, handlers);
    }

    /** Loses a race with another writer twice (as a concurrent update would), then applies. */
    private void leftAfterTwoConflicts(CloudEvent<UserLeftBusiness> event) {
        if (conflicts.merge(event.id(), 1, Integer::sum) <= 2) {
            throw new OptimisticLockException("row changed by another transaction");
        }
        em.createNativeQuery("insert into test_applied (event_id, user_id) values (?1, ?2)")
                .setParameter(1, event.id()).setParameter(2, event.data().userId()).executeUpdate();
    }

    private void joined(CloudEvent<UserJoinedBusiness> event) {
        if (REFUSED.contains(event.data().userId())) {
            throw new IllegalStateException("user " + event.data().userId() + " is refused by this consumer");
        }
        em.createNativeQuery("insert into test_applied (event_id, user_id) values (?1, ?2)")
                .setParameter(1, event.id()).setParameter(2, event.data().userId()).executeUpdate();
    }
}
