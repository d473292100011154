package io.gatehouse.grant.service;

import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.JobStatus;
import io.gatehouse.messaging.metrics.StatusGauges;
import io.gatehouse.messaging.metrics.WorkQueues;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * The apply jobs not done yet, for dashboards and alerts: {@code gatehouse.grant.jobs.open{status}} counts them and
 * {@code gatehouse.grant.jobs.oldest.age{status}} is the age of the oldest (seconds since it was queued). One grouped
 * count over {@code apply_job} every 15 s (a scrape interval); the age is taken at scrape time from the queue time,
 * so it keeps growing when the count stops being refreshed (database down), as an alert on a stuck queue needs.
 * Every instance reads the same table: dashboards take the max over instances. Registered as the work queue
 * {@code grant.jobs}, so {@code GET /pipeline} shows it too.
 */
@Startup
@ApplicationScoped
public class JobBacklog {

    static final List<JobStatus> OPEN = List.of(JobStatus.PENDING, JobStatus.WAITING_FOR_USER, JobStatus.PARKED);

    private final StatusGauges<JobStatus> gauges;

    JobBacklog(WorkQueues queues) {
        this.gauges = queues.register("grant.jobs", new StatusGauges.Names(
                "gatehouse.grant.jobs.open", "Apply jobs in this status (not done)",
                "gatehouse.grant.jobs.oldest.age", "Seconds since the oldest job in this status was queued; 0 when none"),
                "status", JobStatus.class, OPEN);
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void refresh() { // public for tests, which cannot wait a round
        try {
            gauges.refresh(QuarkusTransaction.requiringNew().call(() -> ApplyJob.getEntityManager().createQuery(
                    "select j.status, count(j), min(j.createdAt) from ApplyJob j where j.status in :open group by j.status",
                    Object[].class).setParameter("open", OPEN).getResultList()).stream()
                    .map(row -> new StatusGauges.Row<>((JobStatus) row[0], ((Number) row[1]).longValue(), (Instant) row[2]))
                    .toList());
        } catch (RuntimeException e) {
            // the last figures stay; the ages keep growing from them
            Log.debugf("apply job backlog not refreshed: %s", e.toString());
        }
    }
}
