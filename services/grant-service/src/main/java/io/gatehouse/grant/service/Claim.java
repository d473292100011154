package io.gatehouse.grant.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * One instance's claim on one apply job, as the instance knows it: its token, the roles it has locked and how long its
 * lease runs by its last renewal. The database decides (every write is fenced by the token); this only lets a holder
 * whose renewals failed stop before its next statement, well before another instance may take over.
 */
public final class Claim {

    private final long jobId;
    private final String holder;
    private final String token;
    private final Duration lease;
    private final Set<String> roles = new TreeSet<>();
    private volatile Instant leaseUntil;
    private volatile boolean lost;
    private volatile boolean ended;

    Claim(long jobId, String holder, String token, Duration lease, Instant leaseUntil) {
        this.jobId = jobId;
        this.holder = holder;
        this.token = token;
        this.lease = lease;
        this.leaseUntil = leaseUntil;
    }

    public long jobId() {
        return jobId;
    }

    public String holder() {
        return holder;
    }

    public String token() {
        return token;
    }

    synchronized Set<String> roles() {
        return Set.copyOf(roles);
    }

    synchronized void locked(Collection<String> more) {
        roles.addAll(more);
    }

    synchronized boolean covers(Collection<String> wanted) {
        return roles.containsAll(wanted);
    }

    /** The lease to write now: a full lease from now. */
    Instant nextLease() {
        return Instant.now().plus(lease);
    }

    void renewed(Instant until) {
        leaseUntil = until;
    }

    void lost() {
        lost = true;
    }

    /** Its job's outcome committed, which gave back the job and the role locks. */
    void ended() {
        ended = true;
    }

    boolean isEnded() {
        return ended;
    }

    @Override
    public String toString() {
        return "job " + jobId;
    }

    /**
     * True when the lease has run down by more than a quarter since it was last written: a start that planned for that
     * long writes it afresh before it commits, or the first renewal could come after {@link #held} turned false.
     */
    boolean runningDown() {
        return Instant.now().isAfter(leaseUntil.minus(lease.multipliedBy(3).dividedBy(4)));
    }

    /** Still ours by what this instance knows: not fenced out, and at least half a lease left before a takeover. */
    boolean held() {
        return !lost && Instant.now().isBefore(leaseUntil.minus(lease.dividedBy(2)));
    }
}
