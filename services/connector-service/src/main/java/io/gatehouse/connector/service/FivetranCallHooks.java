package io.gatehouse.connector.service;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Points in a Fivetran step where tests inject a crash (a CDI alternative of this bean): after Fivetran
 * created the connection and before this service committed anything about it.
 */
@ApplicationScoped
public class FivetranCallHooks {

    public void afterConnectionCreated(String requestId, String connectionId) {
        // production: nothing
    }
}
