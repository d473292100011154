package io.gatehouse.grant.persistence;

import io.gatehouse.messaging.persistence.Columns;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Apply jobs, written in the same transaction as the facts that call for them (so an event is never lost
 * between the database and Snowflake), then taken by the apply worker.
 */
@ApplicationScoped
public class JobQueue {

    public void enqueue(String key, String eventId, String eventType, String login, Collection<String> roles) {
        enqueue(JobKind.APPLY, key, eventId, eventType, login, roles);
    }

    /** A job that restores one drifted role to its desired state, planned against Snowflake's grants when it runs. */
    public void enqueueReconcile(String reconcileId, String role) {
        enqueue(JobKind.RECONCILE, "reconcile:" + role, reconcileId, "reconcile", null, List.of(role));
    }

    private void enqueue(JobKind kind, String key, String eventId, String eventType, String login,
                         Collection<String> roles) {
        if (roles.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        ApplyJob job = new ApplyJob();
        job.kind = kind;
        job.jobKey = key;
        job.eventId = eventId;
        job.eventType = eventType;
        job.login = login;
        job.roles = new ArrayList<>(roles);
        job.status = JobStatus.PENDING;
        job.attempts = 0;
        job.nextAttemptAt = now;
        job.createdAt = now;
        job.updatedAt = now;
        job.persist();
    }

    /** Pending jobs in creation order (due or waiting for a retry). */
    public List<ApplyJob> pending(int limit) {
        return ApplyJob.<ApplyJob>find("status = ?1 order by id", JobStatus.PENDING).page(0, limit).list();
    }

    public List<ApplyJob> parked() {
        return ApplyJob.list("status = ?1 order by id", JobStatus.PARKED);
    }

    public Optional<ApplyJob> find(long id) {
        return ApplyJob.findByIdOptional(id);
    }

    public List<ApplyJob> byEvent(String eventId) {
        return ApplyJob.list("eventId = ?1 order by id", eventId);
    }

    public void done(long id) {
        ApplyJob.update("status = ?1, lastError = null, updatedAt = ?2 where id = ?3", JobStatus.DONE, Instant.now(), id);
    }

    public void retryLater(long id, int attempts, Instant at, String error) {
        ApplyJob.update("attempts = ?1, nextAttemptAt = ?2, lastError = ?3, updatedAt = ?4 where id = ?5",
                attempts, at, Columns.error(error), Instant.now(), id);
    }

    /** An attempt that met an outage: retried after {@code at}, the attempts that may park the job left as they are. */
    public void waitOutOutage(long id, int outages, Instant at, String error) {
        ApplyJob.update("outages = ?1, nextAttemptAt = ?2, lastError = ?3, updatedAt = ?4 where id = ?5",
                outages, at, Columns.error(error), Instant.now(), id);
    }

    /**
     * Adds roles the job's plan pulled in (held roles not created yet) to the roles it names, after the ones it has.
     * A re-plan after a crash or failure then still diffs them in full: created by an earlier chunk, they would no
     * longer be pulled in, and their remaining grants would wait for a job of their own.
     */
    public void addRoles(long id, List<String> roles) {
        ApplyJob job = ApplyJob.findById(id);
        for (String role : roles) {
            if (!job.roles.contains(role)) {
                job.roles.add(role);
            }
        }
    }

    public void park(long id, int attempts, String error) {
        ApplyJob.update("status = ?1, attempts = ?2, lastError = ?3, updatedAt = ?4 where id = ?5",
                JobStatus.PARKED, attempts, Columns.error(error), Instant.now(), id);
    }

    /** An operator's replay: the parked job runs again from a clean attempt count. */
    public boolean replay(long id) {
        Instant now = Instant.now();
        return ApplyJob.update("status = ?1, attempts = 0, nextAttemptAt = ?2, updatedAt = ?2 where id = ?3 and status = ?4",
                JobStatus.PENDING, now, id, JobStatus.PARKED) == 1;
    }
}
