package io.gatehouse.webhook.service;

import io.gatehouse.messaging.cluster.ClusterLeases;
import io.gatehouse.webhook.config.WebhookConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code gatehouse.webhook.register.enabled=true}: registers the endpoint for each configured group shortly after
 * startup (not during it: Fivetran tests the URL while creating the webhook, and the HTTP server must be up), and
 * retries a group until it is registered. A misconfiguration stops the startup.
 *
 * <p>Once per cluster: only the instance holding the lease {@value #LEASE} creates webhooks (two instances listing
 * Fivetran's webhooks at the same moment would both find none and both create one). The others only read Fivetran's
 * list until they see each group's webhook, so {@link #pending()} means the same on every instance: groups whose
 * webhook Fivetran does not have yet. A standby takes the lease over, and the registration, when the holder dies.
 * The create itself is not fenced: should the holder lose its lease between its read and its create (paused longer
 * than the lease), the new holder could create a second webhook with the same URL, for an operator to delete.
 */
@ApplicationScoped
public class RegistrationAtStartup {

    static final String LEASE = "fivetran-webhook-registration";

    private final WebhookRegistrar registrar;
    private final WebhookConfig.Register config;
    private final ClusterLeases leases;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    /** Also another instance of the service, as a test runs it beside this one. */
    @Inject
    public RegistrationAtStartup(WebhookRegistrar registrar, WebhookConfig config, ClusterLeases leases) {
        this.registrar = registrar;
        this.config = config.register();
        this.leases = leases;
        if (this.config.enabled()) {
            pending.addAll(this.config.groupIds().orElse(List.of()));
        }
    }

    void check(@Observes StartupEvent startup) {
        if (config.enabled() && (config.groupIds().orElse(List.of()).isEmpty() || registrar.configuredEndpoint().isEmpty())) {
            throw new IllegalStateException("gatehouse.webhook.register.enabled=true needs "
                    + "gatehouse.webhook.register.group-ids and gatehouse.webhook.register.public-url");
        }
    }

    @Scheduled(every = "${gatehouse.webhook.register.retry-every}", delayed = "${gatehouse.webhook.register.retry-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void registerPending() {
        if (pending.isEmpty()) {
            return;
        }
        String url = registrar.configuredEndpoint().orElseThrow();
        boolean holder = leases.holds(LEASE);
        for (String group : List.copyOf(pending)) {
            try {
                if (holder) {
                    registrar.register(group, url);
                    pending.remove(group);
                } else if (registrar.existing(group, url).isPresent()) {
                    Log.infof("Fivetran webhook for group %s registered by another instance", group);
                    pending.remove(group);
                }
            } catch (RuntimeException e) {
                Log.warnf("registering the Fivetran webhook for group %s failed, will retry: %s", group, e.getMessage());
            }
        }
    }

    /** Groups whose webhook Fivetran does not have yet, as far as this instance has seen (for health and tests). */
    public Set<String> pending() {
        return Set.copyOf(pending);
    }
}
