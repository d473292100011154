package io.gatehouse.grant.service;

import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.JobQueue;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Runs one apply job for one holder (an instance id): claims it in the database, locks the roles it names, lets
 * {@link JobApplier} plan, execute and record it under that claim, and releases whatever the claim still holds. Any
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

    public Result run(long jobId, String holder) {
        Optional<Claim> claimed = claims.claim(jobId, holder);
        if (claimed.isEmpty()) {
            return Result.NOT_CLAIMED;
        }
        Claim claim = claimed.get();
        ApplyJob job = null;
        try {
            job = QuarkusTransaction.requiringNew().call(() -> jobs.find(jobId)).orElseThrow();
            if (!claims.lock(claim, job.roles)) {
                return Result.ROLES_BUSY;
            }
            return applier.apply(job, claim) ? Result.RAN : Result.ROLES_BUSY;
        } catch (RuntimeException e) {
            // Not a Snowflake error the applier classified: back off like a transient one (parked once the attempts
            // run out) rather than rerun it on every poll and block its key.
            Log.errorf(e, "job %d failed unexpectedly", jobId);
            if (job != null) {
                applier.failedUnexpectedly(job, claim, e);
            }
            return Result.RAN;
        } finally {
            claims.release(claim);
        }
    }
}
