package io.gatehouse.grant.persistence;

import io.gatehouse.messaging.persistence.Columns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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

    /** Fired in the transaction that queued a job: the apply worker starts it once that commits, not at its next poll. */
    public record JobQueued(long id) {
    }

    private final Event<JobQueued> queued;

    JobQueue(Event<JobQueued> queued) {
        this.queued = queued;
    }

    private static final List<JobStatus> UNFINISHED = List.of(JobStatus.PENDING, JobStatus.WAITING_FOR_USER);

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
        queued.fire(new JobQueued(job.id));
        // A job of the key waiting for its user now plans from new facts (a leave may make the wait moot): it is tried
        // at once rather than after its back-off, since this job would wait behind it all that time.
        ApplyJob.update("nextAttemptAt = ?1 where jobKey = ?2 and status = ?3 and nextAttemptAt > ?1",
                now, key, JobStatus.WAITING_FOR_USER);
    }

    /**
     * Jobs that may start now, oldest first, at most {@code limit}: unfinished, due, under no live lease, the first
     * unfinished job of their key (a later one waits for it, even while it waits for its retry, its user or another
     * instance), and naming no role a running job has locked (on any instance: a storm of jobs on one role does not
     * hide the jobs behind it).
     *
     * <p>A round must cost a handful of rows however long the queue and however many jobs are done, and must not
     * depend on fresh statistics: a queue table grows by thousands of rows between two ANALYZEs. So one query per
     * status, each walking {@code apply_job_status (status, id)} in order and stopping at {@code limit}, and the
     * first-of-key test as a per-row minimum over {@code apply_job_key (job_key, id)}. Written as {@code not exists}
     * over both statuses, PostgreSQL planned it on stale statistics as a scan of every unfinished job per candidate
     * (65 ms a round at a backlog of 350, quadratic beyond; about 1 ms this way at 10,000, docs/architecture-notes.md).
     */
    public List<ApplyJob> startable(Instant now, int limit) {
        List<Long> ids = new ArrayList<>();
        for (JobStatus status : UNFINISHED) {
            ids.addAll(ApplyJob.getEntityManager().createQuery("select j.id from ApplyJob j where j.status = ?1 "
                            + "and j.nextAttemptAt <= ?2 and (j.leaseUntil is null or j.leaseUntil < ?2) and j.id = "
                            + "(select min(e.id) from ApplyJob e where e.jobKey = j.jobKey and e.status in ?3) "
                            + "and not exists (select 1 from ApplyJob r join r.roles role, RoleLock l where r.id = j.id "
                            + "and l.roleName = role and l.leaseUntil >= ?2) "
                            + "order by j.id", Long.class)
                    .setParameter(1, status).setParameter(2, now).setParameter(3, UNFINISHED)
                    .setMaxResults(limit).getResultList());
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Long> first = ids.stream().sorted().limit(limit).toList();
        return ApplyJob.list("id in ?1 order by id", first);
    }

    /** Parked jobs after {@code afterId} (0: from the first), oldest first, at most {@code limit}. */
    public List<ApplyJob> parked(long afterId, int limit) {
        return ApplyJob.<ApplyJob>find("status = ?1 and id > ?2 order by id", JobStatus.PARKED, afterId)
                .page(0, limit).list();
    }

    /** Jobs waiting for their user after {@code afterId}, oldest first, at most {@code limit}. */
    public List<ApplyJob> waitingForUser(long afterId, int limit) {
        return ApplyJob.<ApplyJob>find("status = ?1 and id > ?2 order by id", JobStatus.WAITING_FOR_USER, afterId)
                .page(0, limit).list();
    }

    public long countWaitingForUser() {
        return ApplyJob.count("status", JobStatus.WAITING_FOR_USER);
    }

    /** True when an unfinished job of the key, queued after this one, arrived at or after {@code since}. */
    public boolean laterOfKeySince(String key, long id, Instant since) {
        return ApplyJob.count("status in ?1 and jobKey = ?2 and id > ?3 and createdAt >= ?4", UNFINISHED, key, id, since) > 0;
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

    /** A failed attempt that counts; a wait for the user the job was in is over (it failed for another cause). */
    public void retryLater(long id, int attempts, Instant at, String error) {
        ApplyJob.update("status = ?1, attempts = ?2, nextAttemptAt = ?3, lastError = ?4, updatedAt = ?5, waitingSince = null, "
                + "userWaits = 0 where id = ?6", JobStatus.PENDING, attempts, at, Columns.error(error), Instant.now(), id);
    }

    /** A try that found the job's user missing in Snowflake: tried again after {@code at}, its attempts left as they are. */
    public void waitForUser(long id, Instant since, int userWaits, Instant at, String error) {
        ApplyJob.update("status = ?1, waitingSince = ?2, userWaits = ?3, nextAttemptAt = ?4, lastError = ?5, updatedAt = ?6 "
                + "where id = ?7", JobStatus.WAITING_FOR_USER, since, userWaits, at, Columns.error(error), Instant.now(), id);
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

    /**
     * An operator's replay: a parked job runs again from a clean attempt count (and a new wait, should its user still be
     * missing); a job waiting for its user is tried now, its wait (audit line, horizon) going on.
     */
    public boolean replay(long id) {
        Instant now = Instant.now();
        return ApplyJob.update("status = ?1, attempts = 0, waitingSince = null, userWaits = 0, nextAttemptAt = ?2, "
                        + "updatedAt = ?2 where id = ?3 and status = ?4", JobStatus.PENDING, now, id, JobStatus.PARKED) == 1
                || ApplyJob.update("nextAttemptAt = ?1, updatedAt = ?1 where id = ?2 and status = ?3",
                        now, id, JobStatus.WAITING_FOR_USER) == 1;
    }
}
