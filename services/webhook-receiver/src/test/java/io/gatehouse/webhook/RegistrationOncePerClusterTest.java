package io.gatehouse.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.messaging.cluster.ClusterLeases;
import io.gatehouse.messaging.config.MessagingConfig;
import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.gatehouse.webhook.config.WebhookConfig;
import io.gatehouse.webhook.service.RegistrationAtStartup;
import io.gatehouse.webhook.service.WebhookRegistrar;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Two instances registering at startup against the sandbox: only the one holding the registration lease creates the
 * webhook, the other only reads until it sees it. The test drives both rounds itself (no scheduled retry here).
 */
@QuarkusTest
@TestProfile(RegistrationOncePerClusterTest.TwoInstances.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class RegistrationOncePerClusterTest {

    static final String GROUP = "cluster_group";
    private static final String CREATE = "POST /v1/webhooks/group/" + GROUP;

    /** As RegisterAtStartup, for another group, and with the scheduled rounds out of the way. */
    public static class TwoInstances extends RegistrationAtStartupTest.RegisterAtStartup {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("gatehouse.webhook.register.group-ids", GROUP);
            config.put("gatehouse.webhook.register.retry-every", "1h");
            return config;
        }
    }

    @Inject
    RegistrationAtStartup first;
    @Inject
    WebhookRegistrar registrar;
    @Inject
    WebhookConfig config;
    @Inject
    MessagingConfig messaging;
    @ConfigProperty(name = "gatehouse.webhook.register.public-url")
    String publicUrl;

    @Test
    void onlyTheLeaseHolderCreatesTheWebhook() {
        RegistrationAtStartup second = new RegistrationAtStartup(registrar, config,
                new ClusterLeases(messaging, new SimpleMeterRegistry(), "second-instance@test"));

        first.registerPending(); // takes the lease; Fivetran does not know the group yet
        long attempts = creates();
        assertThat(attempts).isPositive();
        second.registerPending();
        second.registerPending();
        assertThat(creates()).isEqualTo(attempts);

        FivetranSandboxResource.sandbox().addGroup(GROUP);
        second.registerPending();
        assertThat(second.pending()).containsExactly(GROUP);
        first.registerPending();
        second.registerPending();

        assertThat(creates()).isEqualTo(attempts + 1);
        assertThat(first.pending()).isEmpty();
        assertThat(second.pending()).isEmpty();
        assertThat(SandboxWebhooks.sendingTo(publicUrl + "webhooks/fivetran", GROUP)).isEqualTo(1);
    }

    private static long creates() {
        return FivetranSandboxResource.sandbox().requestCount(CREATE);
    }
}
