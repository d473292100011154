package io.gatehouse.grant.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Claims on apply jobs and locks on roles, in the database so that several instances share the work: a claim is a
 * conditional update (pending, due, no live lease), which PostgreSQL and H2 both run; a role lock is an insert-first row
 * per role, taken in sorted order. Both carry the claim's token, and a holder's writes check it
 * ({@link #renew}): once another instance has taken over, the old holder's results are refused.
 */
@ApplicationScoped
public class JobClaims {

    private final EntityManager em;

    JobClaims(EntityManager em) {
        this.em = em;
    }

    /** True when this claim won the job: it was pending (or waiting for its user), due and had no live lease. */
    public boolean claim(long jobId, String holder, String token, Instant now, Instant leaseUntil) {
        return ApplyJob.update("claimedBy = ?1, claimToken = ?2, leaseUntil = ?3 where id = ?4 and status in ?5 "
                        + "and nextAttemptAt <= ?6 and (leaseUntil is null or leaseUntil < ?6)",
                holder, token, leaseUntil, jobId, List.of(JobStatus.PENDING, JobStatus.WAITING_FOR_USER), now) == 1;
    }

    /**
     * Locks every role for the claim, in sorted order (two transactions locking overlapping roles then meet in the same
     * order and never deadlock), taking over locks whose lease ran out. All or nothing: when one role is held by a live
     * lease of another claim, every lock of the token is given back and it answers false.
     */
    public boolean lockRoles(Collection<String> roles, String holder, String token, Instant now, Instant leaseUntil) {
        for (String role : new TreeSet<>(roles)) {
            // insert-first: of two transactions locking one free role, the second waits for the first and then finds it held
            int inserted = em.createNativeQuery("insert into role_lock (role_name, holder, token, lease_until) "
                            + "values (?1, ?2, ?3, ?4) on conflict do nothing")
                    .setParameter(1, role).setParameter(2, holder).setParameter(3, token).setParameter(4, leaseUntil)
                    .executeUpdate();
            if (inserted == 1) {
                continue;
            }
            int taken = RoleLock.update("holder = ?1, token = ?2, leaseUntil = ?3 where roleName = ?4 "
                    + "and (leaseUntil < ?5 or token = ?2)", holder, token, leaseUntil, role, now);
            if (taken != 1) {
                RoleLock.delete("token", token);
                return false;
            }
        }
        return true;
    }

    /**
     * The fence: extends the lease of the job and of its {@code lockedRoles} role locks, and answers false when the claim
     * no longer holds all of them (another instance took over after the lease ran out). Called first in every
     * transaction that writes a job's results, whose rows then stay locked against a takeover until it commits.
     */
    public boolean renew(long jobId, String token, int lockedRoles, Instant leaseUntil) {
        if (ApplyJob.update("leaseUntil = ?1 where id = ?2 and claimToken = ?3", leaseUntil, jobId, token) != 1) {
            return false;
        }
        // at least: a lock being added may be counted before the holder knows of it; a takeover leaves fewer
        return RoleLock.update("leaseUntil = ?1 where token = ?2", leaseUntil, token) >= lockedRoles;
    }

    /** Ends the claim, if it still holds the job: the job may be claimed again at once, its roles are free. */
    public void release(long jobId, String token) {
        ApplyJob.update("claimToken = null, leaseUntil = null where id = ?1 and claimToken = ?2", jobId, token);
        RoleLock.delete("token", token);
    }
}
