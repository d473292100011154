package io.gatehouse.webhook.service;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.SetupCompleted;
import io.gatehouse.messaging.outbox.Outbox;
import io.gatehouse.webhook.persistence.SetupCompletions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Publishes SetupCompleted once per request: the completion row and the outbox row commit together, or neither. */
@ApplicationScoped
public class SetupConfirmation {

    private final SetupCompletions completions;
    private final Outbox outbox;

    SetupConfirmation(SetupCompletions completions, Outbox outbox) {
        this.completions = completions;
        this.outbox = outbox;
    }

    /** True if this call published; false if the request was already confirmed (a reload, a concurrent tab). */
    @Transactional
    public boolean confirm(String requestId, String connectionId) {
        // Insert first: a concurrent confirmation waits on the key, then finds it and publishes nothing.
        if (!completions.recordFirst(requestId, connectionId)) {
            return false;
        }
        CloudEvent<SetupCompleted> event = outbox.publish(new SetupCompleted(requestId, connectionId));
        completions.attachEvent(requestId, event.id());
        return true;
    }
}
