package io.gatehouse.webhook;

import io.gatehouse.fivetran.client.FivetranClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URL;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared by the tests that play the Connect Card flow: the broker companion, the sandbox client, the database, the
 * return endpoint, and a fresh {@link CardFlow} over them for each test (made before the test's own set-up runs).
 */
abstract class CardFlowBase {

    @InjectKafkaCompanion
    KafkaCompanion companion;
    @Inject
    FivetranClient fivetran;
    @Inject
    EntityManager em;
    @TestHTTPResource("/connect-card/return")
    URL returnEndpoint;

    CardFlow flow;

    @BeforeEach
    void newCardFlow() {
        flow = new CardFlow(fivetran, companion, em, returnEndpoint);
    }
}
