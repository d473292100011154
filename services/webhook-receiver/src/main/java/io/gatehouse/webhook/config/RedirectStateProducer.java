package io.gatehouse.webhook.config;

import io.gatehouse.connectcard.RedirectState;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The verifier of Connect Card redirect states, keyed with the secret connector-service signs with. */
public class RedirectStateProducer {

    @Produces
    @Singleton
    RedirectState redirectState(ConnectCardConfig config) {
        return new RedirectState(config.stateKey());
    }
}
