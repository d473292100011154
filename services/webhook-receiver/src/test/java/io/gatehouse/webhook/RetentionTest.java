package io.gatehouse.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.messaging.retention.RetentionSchedule;
import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.gatehouse.webhook.config.WebhookConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention deletes what is past its window and keeps the rest: delivery keys after
 * {@code gatehouse.webhook.delivery-retention}; bindings after {@code ...connect-card-retention}; completions after the
 * same window, and only once their request's binding is gone.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class RetentionTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Inject
    RetentionSchedule retention;
    @Inject
    WebhookConfig config;
    @Inject
    EntityManager em;

    @Test
    void deliveryKeysBindingsAndCompletionsPastTheirWindowGoAndTheRestStays() {
        Instant now = Instant.now();
        String oldKey = delivery(now.minus(config.deliveryRetention()).minus(DAY));
        String recentKey = delivery(now.minus(config.deliveryRetention()).plus(DAY));
        Instant past = now.minus(config.connectCardRetention()).minus(DAY);
        Instant inside = now.minus(config.connectCardRetention()).plus(DAY);
        String forgotten = binding(past);
        completion(forgotten, past);
        String reissued = binding(inside); // a card issued again lately: its links still lead here
        completion(reissued, past);
        String completedLately = request();
        completion(completedLately, inside);
        String completedLongAgo = request();
        completion(completedLongAgo, past);

        assertThat(retention.purge()).containsKeys("webhook_delivery", "connect_card_binding", "setup_completion");

        assertThat(count("webhook_delivery", "delivery_key", oldKey)).isZero();
        assertThat(count("webhook_delivery", "delivery_key", recentKey)).isOne();
        assertThat(count("connect_card_binding", "request_id", forgotten)).isZero();
        assertThat(count("setup_completion", "request_id", forgotten)).isZero();
        assertThat(count("connect_card_binding", "request_id", reissued)).isOne();
        assertThat(count("setup_completion", "request_id", reissued)).as("its binding is still kept").isOne();
        assertThat(count("setup_completion", "request_id", completedLately)).isOne();
        assertThat(count("setup_completion", "request_id", completedLongAgo)).isZero();
    }

    private static String request() {
        return UUID.randomUUID().toString();
    }

    private String delivery(Instant at) {
        String key = UUID.randomUUID().toString().replace("-", "");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into webhook_delivery "
                        + "(delivery_key, event, connection_id, outcome, received_at) values (?1, 'sync_end', 'c', 'published', ?2)")
                .setParameter(1, key).setParameter(2, at).executeUpdate());
        return key;
    }

    private String binding(Instant at) {
        String requestId = request();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into connect_card_binding "
                        + "(request_id, connection_id, connect_card_uri, expires_at, issued_at, updated_at) "
                        + "values (?1, 'retention_conn', 'https://fivetran.example/card', ?2, ?3, ?3)")
                .setParameter(1, requestId).setParameter(2, at.plus(DAY)).setParameter(3, at).executeUpdate());
        return requestId;
    }

    private void completion(String requestId, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into setup_completion "
                        + "(request_id, connection_id, completed_at) values (?1, 'retention_conn', ?2)")
                .setParameter(1, requestId).setParameter(2, at).executeUpdate());
    }

    /** Rows of {@code table} whose {@code column} is {@code value} (names from this test only). */
    private long count(String table, String column, String value) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from " + table + " where " + column + " = ?1")
                .setParameter(1, value).getSingleResult()).longValue());
    }
}
