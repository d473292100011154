package io.gatehouse.messaging.cluster;

import io.gatehouse.messaging.config.MessagingConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a cluster-wide schedule (a purge, the drift check, webhook registration) run on one instance of a service
 * instead of on each: the schedule names a {@link ClusterLease}, and only the instance holding it runs. Every instance's
 * scheduler still fires; the others skip. The holder renews its leases every
 * {@code gatehouse.messaging.cluster.lease.renew-interval} between runs too, so the same instance keeps running a
 * schedule while it lives, and a standby takes a lapsed lease over within {@code ...lease.duration}; a stopped instance
 * releases its leases, so the next heartbeat elsewhere takes them at once.
 *
 * <p>A run is not fenced: a run that outlives a lease this instance lost (paused, or cut off from its database longer
 * than the lease) goes on while the new holder may start one. Each caller says why a second run is harmless.
 */
@ApplicationScoped
public class ClusterLeases {

    private final String holder;
    private final Duration duration;
    private final MeterRegistry registry;
    private final Map<String, ClusterLease> leases = new ConcurrentHashMap<>();
    /** Set at shutdown: a stopping instance must not take a lease again after releasing it. */
    private volatile boolean closed;

    @Inject
    ClusterLeases(MessagingConfig config, MeterRegistry registry) {
        this(config, registry, ClusterLease.newHolderId());
    }

    /** The leases as another instance of the service holds them (tests run two in one JVM). */
    public ClusterLeases(MessagingConfig config, MeterRegistry registry, String holder) {
        this.holder = holder;
        this.duration = config.cluster().lease().duration();
        this.registry = registry;
    }

    /**
     * True while this instance holds the named lease. Asked first for a name, or while standing by, it tries to take the
     * lease (free, released or lapsed); from then on the heartbeat renews it, or keeps trying.
     */
    public boolean holds(String name) {
        ClusterLease lease = leases.computeIfAbsent(name, this::newLease);
        if (!lease.held()) {
            heartbeat(lease);
        }
        return lease.held();
    }

    /** Runs {@code task} when this instance holds the named lease; true when it ran. */
    public boolean runIfHeld(String name, Runnable task) {
        if (!holds(name)) {
            Log.debugf("%s skipped: another instance holds its lease", name);
            return false;
        }
        task.run();
        return true;
    }

    /** Renews every lease this instance holds and tries those it stands by for. */
    @Scheduled(every = "${gatehouse.messaging.cluster.lease.renew-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void heartbeat() {
        leases.values().forEach(this::heartbeat);
    }

    /** Gives every lease up, so other instances take them at their next heartbeat instead of after the lease. */
    public void close() {
        closed = true;
        leases.values().forEach(lease -> {
            try {
                lease.release();
            } catch (RuntimeException e) {
                // the database is gone already: the lease lapses on its own
                Log.debugf("cluster lease %s not released: %s", lease.name(), e);
            }
        });
    }

    // ShutdownEvent rather than @PreDestroy: the datasource still answers then.
    void stop(@Observes ShutdownEvent shutdown) {
        close();
    }

    private ClusterLease newLease(String name) {
        ClusterLease lease = new ClusterLease(name, holder, duration);
        Gauge.builder("gatehouse.cluster.lease.held", lease, l -> l.held() ? 1 : 0)
                .description("1 on the instance that holds the named lease and runs its schedule, 0 on a standby")
                .tag("name", name)
                .register(registry);
        return lease;
    }

    private void heartbeat(ClusterLease lease) {
        if (closed) {
            return;
        }
        try {
            switch (lease.heartbeat()) {
                case ACQUIRED -> Log.infof("cluster lease %s taken by %s: its schedule runs here", lease.name(), holder);
                case LOST -> Log.warnf("cluster lease %s lost by %s: another instance runs its schedule", lease.name(), holder);
                case RENEWED, STANDBY -> { }
            }
        } catch (RuntimeException e) {
            // Our database is away: a held lease runs out by our own clock (held() turns false) and may be taken over.
            Log.warnf("cluster lease %s not renewed: %s", lease.name(), e.getMessage());
        }
    }
}
