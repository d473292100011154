package io.gatehouse.messaging.retention;

import io.gatehouse.messaging.cluster.ClusterLeases;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Purges every table a service keeps only for a while ({@link RetentionRules}: the inbox and the outbox of every
 * service, and each service's own), hourly, on the instance holding the lease {@value #LEASE}: the instances share the
 * tables. A second run after a lost lease is harmless: it deletes only rows past their window, which the first would
 * have deleted too, and a row both runs found is deleted once.
 */
@ApplicationScoped
public class RetentionSchedule {

    static final String LEASE = "retention";

    private final Instance<RetentionRules> rules;
    private final BatchedDelete deletes;
    private final ClusterLeases leases;

    RetentionSchedule(Instance<RetentionRules> rules, BatchedDelete deletes, ClusterLeases leases) {
        this.rules = rules;
        this.deletes = deletes;
        this.leases = leases;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        purge();
    }

    /**
     * Deletes what is past its window, table by table in each rule's order, when this instance holds the lease; returns
     * the rows deleted per table (empty when another instance holds it). A table that fails is logged and left for the
     * next run; the others go on.
     */
    public Map<String, Long> purge() {
        Map<String, Long> deleted = new LinkedHashMap<>();
        leases.runIfHeld(LEASE, () -> {
            for (RetentionRules owner : rules) {
                for (RetentionWindow window : owner.windows()) {
                    String table = window.target().table();
                    try {
                        deleted.merge(table, deletes.olderThan(window.target(), Instant.now().minus(window.window())), Long::sum);
                    } catch (RuntimeException e) {
                        Log.warnf("retention: %s not purged this time: %s", table, e.getMessage());
                    }
                }
            }
            String counts = deleted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            if (deleted.values().stream().anyMatch(n -> n > 0)) {
                Log.infof("retention: deleted rows past their window: %s", counts);
            } else {
                Log.debugf("retention: nothing past its window (%s)", counts);
            }
        });
        return deleted;
    }
}
