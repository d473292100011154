package io.gatehouse.grant.service;

import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.service.DriftService.RoleDrift;
import io.gatehouse.messaging.cluster.ClusterLeases;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

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
@ApplicationScoped
public class ScheduledDriftCheck {

    public static final String LEASE = "drift-check";

    private final DriftService drift;
    private final GrantConfig.Drift config;
    private final ClusterLeases leases;

    ScheduledDriftCheck(DriftService drift, GrantConfig config, ClusterLeases leases) {
        this.drift = drift;
        this.config = config.drift();
        this.leases = leases;
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
            if (!drifts.isEmpty()) {
                Log.warnf("drift on %d managed role(s)%s", drifts.size(),
                        config.autoReconcile() ? ", reconcile jobs queued" : " (report only)");
            }
        } catch (SQLException | RuntimeException e) {
            Log.warnf("drift check failed: %s", e.getMessage());
        }
    }
}
