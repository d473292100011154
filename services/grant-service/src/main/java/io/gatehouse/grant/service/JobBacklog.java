package io.gatehouse.grant.service;

import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.JobStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The apply jobs not done yet, for dashboards and alerts: {@code gatehouse.grant.jobs.open{status}} counts them and
 * {@code gatehouse.grant.jobs.oldest.age{status}} is the age of the oldest (seconds since it was queued). One grouped
 * count over {@code apply_job} every 15 s (a scrape interval); the age is taken at scrape time from the queue time,
 * so it keeps growing when the count stops being refreshed (database down), as an alert on a stuck queue needs.
 * Every instance reads the same table: dashboards take the max over instances.
 */
@Startup
@ApplicationScoped
public class JobBacklog {

    static final List<JobStatus> OPEN = List.of(JobStatus.PENDING, JobStatus.WAITING_FOR_USER, JobStatus.PARKED);

    private final Map<JobStatus, AtomicLong> counts = new EnumMap<>(JobStatus.class);
    private final Map<JobStatus, AtomicReference<Instant>> oldest = new EnumMap<>(JobStatus.class);

    JobBacklog(MeterRegistry meters) {
        for (JobStatus status : OPEN) {
            String tag = status.name().toLowerCase();
            AtomicLong count = new AtomicLong();
            AtomicReference<Instant> since = new AtomicReference<>();
            counts.put(status, count);
            oldest.put(status, since);
            Gauge.builder("gatehouse.grant.jobs.open", count, AtomicLong::get).tag("status", tag)
                    .description("Apply jobs in this status (not done)").register(meters);
            Gauge.builder("gatehouse.grant.jobs.oldest.age", since, JobBacklog::ageSeconds).tag("status", tag)
                    .baseUnit("seconds").description("Seconds since the oldest job in this status was queued; 0 when none")
                    .register(meters);
        }
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void refresh() { // public for tests, which cannot wait a round

        try {
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> ApplyJob.getEntityManager().createQuery(
                    "select j.status, count(j), min(j.createdAt) from ApplyJob j where j.status in :open group by j.status",
                    Object[].class).setParameter("open", OPEN).getResultList());
            Map<JobStatus, Object[]> byStatus = new EnumMap<>(JobStatus.class);
            rows.forEach(row -> byStatus.put((JobStatus) row[0], row));
            for (JobStatus status : OPEN) {
                Object[] row = byStatus.get(status);
                counts.get(status).set(row == null ? 0 : ((Number) row[1]).longValue());
                oldest.get(status).set(row == null ? null : (Instant) row[2]);
            }
        } catch (RuntimeException e) {
            // the last figures stay; the ages keep growing from them
            Log.debugf("apply job backlog not refreshed: %s", e.toString());
        }
    }

    static double ageSeconds(AtomicReference<Instant> since) {
        Instant at = since.get();
        return at == null ? 0 : Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0);
    }
}
