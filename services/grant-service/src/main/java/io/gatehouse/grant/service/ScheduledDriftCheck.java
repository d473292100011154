package io.gatehouse.grant.service;

import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.service.DriftService.RoleDrift;
import io.gatehouse.messaging.cluster.ClusterLeases;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The drift check every {@code gatehouse.grant.drift.interval}, once per cluster: only the instance holding the lease
 * {@value #LEASE} scans, so DriftDetected is published once a round, not once per instance.
 *
 * <p>A scan may outlive the lease (this instance paused or cut off from its database longer than the lease), and the
 * new holder may then scan too. That is harmless: a scan only reads Snowflake and the ledger, publishes a report and,
 * with auto-reconcile, queues reconcile jobs; each job plans its fix at run time under its roles' locks against the
 * facts and grants of that moment, so a second round's jobs find nothing left to fix. The worst is a DriftDetected
 * published twice.
 */
@Startup // its gauge exists from the start, before the first scan
@ApplicationScoped
public class ScheduledDriftCheck {

    public static final String LEASE = "drift-check";

    private final DriftService drift;
    private final GrantConfig.Drift config;
    private final ClusterLeases leases;
    /** Drifted roles found by this instance's last scan; -1 before its first (or on an instance that never scans). */
    private final AtomicInteger drifted = new AtomicInteger(-1);

    ScheduledDriftCheck(DriftService drift, GrantConfig config, ClusterLeases leases, MeterRegistry meters) {
        this.drift = drift;
        this.config = config.drift();
        this.leases = leases;
        Gauge.builder("gatehouse.grant.drift.roles", drifted, AtomicInteger::get)
                .description("Managed roles that drifted at the last scheduled check; -1 before this instance's first check")
                .register(meters);
    }

    @Scheduled(every = "${gatehouse.grant.drift.interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void run() {
        leases.runIfHeld(LEASE, this::check);
    }

    private void check() {
        try {
            List<RoleDrift> drifts = drift.reconcile(Optional.empty(), config.autoReconcile()).drifts();
            drifted.set(drifts.size());
            if (!drifts.isEmpty()) {
                Log.warnf("drift on %d managed role(s)%s", drifts.size(),
                        config.autoReconcile() ? ", reconcile jobs queued" : " (report only)");
            }
        } catch (SQLException | RuntimeException e) {
            Log.warnf("drift check failed: %s", e.getMessage());
        }
    }
}
