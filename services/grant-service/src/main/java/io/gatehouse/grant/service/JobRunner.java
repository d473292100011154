package io.gatehouse.grant.service;

import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.JobQueue;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import io.gatehouse.grant.domain.Statement;
import io.gatehouse.grant.persistence.JobKind;
import java.util.List;
import java.util.Optional;

/**
 * Runs one apply job for one holder (an instance id): claims it in the database, locks the roles it names and plans
 * it, all in one transaction; lets {@link JobApplier} execute and record it under that claim, and releases whatever
 * the claim still holds. Two commits per job at least (start, outcome): at hundreds of jobs per second the database's
 * commits, not the planning, are the worker's cost. Any
 * number of holders, in this process or others, may try the same jobs at once: the database lets one run each.
 */
@ApplicationScoped
public class JobRunner {

    /** What became of a try. */
    public enum Result {
        /** Ran under this holder's claim (applied, failed, or fenced out on the way). */
        RAN,
        /** Not pending, not due, or held by a live lease of another claim. */
        NOT_CLAIMED,
        /** Claimed, but a role it names or plans is locked by another job: released and left for a later round. */
        ROLES_BUSY
    }

    private final JobQueue jobs;
    private final ClaimKeeper claims;
    private final JobApplier applier;

    JobRunner(JobQueue jobs, ClaimKeeper claims, JobApplier applier) {
        this.jobs = jobs;
        this.claims = claims;
        this.applier = applier;
    }

    /**
     * What the starting transaction left: the claim and the job, with its plan when it was made there (an APPLY job)
     * or the reason it could not be (a permanent failure to record under the claim).
     */
    private record Start(Result refused, Claim claim, ApplyJob job, List<Statement> plan, RuntimeException planFailure) {
        static Start refused(Result result) {
            return new Start(result, null, null, null, null);
        }
    }

    /** Thrown inside the starting transaction when a role is busy, so that nothing of it stays. */
    private static final class RolesBusy extends RuntimeException {
        RolesBusy() {
            super(null, null, false, false);
        }
    }

    public Result run(long jobId, String holder) {
        Start start;
        try {
            start = QuarkusTransaction.requiringNew().call(() -> start(jobId, holder));
        } catch (RolesBusy busy) {
            return Result.ROLES_BUSY;
        }
        if (start.refused() != null) {
            return start.refused();
        }
        Claim claim = start.claim();
        ApplyJob job = start.job();
        claims.hold(claim);
        try {
            if (start.planFailure() != null) {
                applier.planFailed(job, claim, start.planFailure());
                return Result.RAN;
            }
            return applier.apply(job, claim, start.plan()) ? Result.RAN : Result.ROLES_BUSY;
        } catch (RuntimeException e) {
            // Not a Snowflake error the applier classified: back off like a transient one (parked once the attempts
            // run out) rather than rerun it on every poll and block its key.
            Log.errorf(e, "job %d failed unexpectedly", jobId);
            applier.failedUnexpectedly(job, claim, e);
            return Result.RAN;
        } finally {
            claims.release(claim);
        }
    }

    /**
     * One transaction starts a job: claim it, lock the roles it names and, for an APPLY job, plan it from the ledger
     * under those locks (locking the roles the plan pulls in). Nothing of it stays when a role is busy: rolled back.
     * A reconcile job plans from Snowflake's grants, outside any transaction ({@link JobApplier#apply}). No method it
     * calls may be {@code @Transactional}: its interceptor would mark this transaction rollback-only on the exception
     * of an unplannable job, which is recorded under the claim instead.
     */
    private Start start(long jobId, String holder) {
        Optional<Claim> taken = claims.take(jobId, holder);
        if (taken.isEmpty()) {
            return Start.refused(Result.NOT_CLAIMED);
        }
        Claim claim = taken.get();
        ApplyJob job = jobs.find(jobId).orElseThrow();
        if (!claims.lockHere(claim, job.roles)) {
            throw new RolesBusy();
        }
        if (job.kind != JobKind.APPLY || !job.unfinished()) {
            return new Start(null, claim, job, null, null);
        }
        List<Statement> plan;
        try {
            plan = applier.planLocked(job, claim);
        } catch (IllegalStateException unplannable) {
            // a role the job names is not registered: recorded (parked) under the claim, not retried every round
            return new Start(null, claim, job, null, unplannable);
        }
        if (plan == null) {
            throw new RolesBusy();
        }
        claims.refreshIfRunningDown(claim);
        return new Start(null, claim, job, plan, null);
    }
}
