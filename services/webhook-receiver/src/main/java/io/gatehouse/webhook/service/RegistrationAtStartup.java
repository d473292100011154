package io.gatehouse.webhook.service;

import io.gatehouse.webhook.config.WebhookConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code gatehouse.webhook.register.enabled=true}: registers the endpoint for each configured group shortly after
 * startup (not during it: Fivetran tests the URL while creating the webhook, and the HTTP server must be up), and
 * retries a group until it is registered. A misconfiguration stops the startup.
 */
@ApplicationScoped
public class RegistrationAtStartup {

    private final WebhookRegistrar registrar;
    private final WebhookConfig.Register config;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    RegistrationAtStartup(WebhookRegistrar registrar, WebhookConfig config) {
        this.registrar = registrar;
        this.config = config.register();
    }

    void check(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        List<String> groups = config.groupIds().orElse(List.of());
        if (groups.isEmpty() || registrar.configuredEndpoint().isEmpty()) {
            throw new IllegalStateException("gatehouse.webhook.register.enabled=true needs "
                    + "gatehouse.webhook.register.group-ids and gatehouse.webhook.register.public-url");
        }
        pending.addAll(groups);
    }

    @Scheduled(every = "${gatehouse.webhook.register.retry-every}", delayed = "${gatehouse.webhook.register.retry-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void registerPending() {
        if (pending.isEmpty()) {
            return;
        }
        String url = registrar.configuredEndpoint().orElseThrow();
        for (String group : List.copyOf(pending)) {
            try {
                registrar.register(group, url);
                pending.remove(group);
            } catch (RuntimeException e) {
                Log.warnf("registering the Fivetran webhook for group %s failed, will retry: %s", group, e.getMessage());
            }
        }
    }

    /** Groups still waiting for their webhook (for health and tests). */
    public Set<String> pending() {
        return Set.copyOf(pending);
    }
}
