package io.gatehouse.webhook.service;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.ConnectCardIssued;
import io.gatehouse.webhook.persistence.ConnectCardBinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Learns which Fivetran connection each onboarding request's Connect Card belongs to. The redirect state binds
 * only the request id (the connection is created with the redirect URI, so its id cannot be inside), so the
 * return page needs this binding to ask Fivetran about the right connection.
 */
@ApplicationScoped
public class ConnectCardIssuance {

    /**
     * A reissued card replaces the binding; an older event arriving late (a DLQ replay) does not. Runs in the
     * inbox's transaction, which also records the event as processed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(CloudEvent<ConnectCardIssued> event) {
        ConnectCardIssued card = event.data();
        ConnectCardBinding binding = ConnectCardBinding.findById(card.requestId());
        if (binding == null) {
            binding = new ConnectCardBinding();
            binding.requestId = card.requestId();
        } else if (event.time().isBefore(binding.issuedAt)) {
            return;
        }
        binding.connectionId = card.connectionId();
        binding.connectCardUri = card.connectCardUri();
        binding.expiresAt = card.expiresAt();
        binding.issuedAt = event.time();
        binding.updatedAt = Instant.now();
        // A new card is a new generation: if it too cannot be handed out, the owner link may ask again at once.
        binding.reissueRequestedAt = null;
        binding.persist();
    }
}
