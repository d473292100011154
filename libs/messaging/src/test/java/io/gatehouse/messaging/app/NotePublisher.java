package io.gatehouse.messaging.app;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.messaging.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** A test service that writes its own row and an event in one transaction. */
@ApplicationScoped
public class NotePublisher {

    private final EntityManager em;
    private final Outbox outbox;

    NotePublisher(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    @Transactional
    public CloudEvent<UserJoinedBusiness> writeAndPublish(String userId, boolean failAfterWriting) {
        em.createNativeQuery("insert into test_note (id, body) values (?1, 'joined')").setParameter(1, userId).executeUpdate();
        CloudEvent<UserJoinedBusiness> event = outbox.publish(new UserJoinedBusiness(userId, userId + ".login", "finance"));
        if (failAfterWriting) {
            throw new IllegalStateException("the service failed after writing");
        }
        return event;
    }
}
