package io.gatehouse.grant.service;

import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.persistence.JobClaims;
import io.gatehouse.messaging.work.LeaseRenewals;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The claims this instance holds on apply jobs ({@link Claim}): taken, extended by role locks, renewed every quarter of
 * {@code apply.lease} while their jobs run, checked before every write of results ({@link #fence}) and released. A
 * renewal that finds a claim gone marks it lost, so its holder stops before the next statement.
 */
@ApplicationScoped
public class ClaimKeeper {

    /** Thrown inside a result-writing transaction whose claim another instance has taken over: nothing is written. */
    public static final class ClaimLost extends RuntimeException {
        ClaimLost(long jobId) {
            super("job " + jobId + ": claim taken over by another instance");
        }
    }

    private final JobClaims claims;
    private final Duration lease;
    private final LeaseRenewals<Claim> renewals;
    private final TransactionSynchronizationRegistry transactions;

    ClaimKeeper(JobClaims claims, GrantConfig config, TransactionSynchronizationRegistry transactions) {
        this.claims = claims;
        this.transactions = transactions;
        this.lease = config.apply().lease();
        this.renewals = new LeaseRenewals<>("grant", lease, new LeaseRenewals.Renewal<>() {
            @Override
            public boolean renew(Claim claim, Instant until) {
                // a claim whose outcome committed has nothing left to renew: its job and locks were given back
                return claim.isEnded() || claims.renew(claim.jobId(), claim.token(), claim.roles().size(), until);
            }

            @Override
            public void renewed(Claim claim, Instant until) {
                claim.renewed(until);
            }

            @Override
            public void lost(Claim claim) {
                claim.lost();
                Log.warnf("job %d: claim lost to another instance; this run stops, its results are discarded",
                        claim.jobId());
            }
        });
    }

    @PreDestroy
    void stop() {
        renewals.close();
    }

    /**
     * Claims the job for the holder with a new token, in the caller's transaction (which then locks the job's roles and
     * plans it: one commit starts a job). Empty when it is not pending and due or a live lease holds it. The claim is
     * renewed only once {@link #hold} is called after that transaction committed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Claim> take(long jobId, String holder) {
        String token = UUID.randomUUID().toString();
        Instant until = Instant.now().plus(lease);
        if (!claims.claim(jobId, holder, token, Instant.now(), until)) {
            return Optional.empty();
        }
        return Optional.of(new Claim(jobId, holder, token, lease, until));
    }

    /** Starts renewing a claim whose taking committed, while its job runs. */
    public void hold(Claim claim) {
        renewals.hold(claim.token(), claim);
    }

    /**
     * Locks more roles for the claim, all in sorted order with those it holds, in the caller's transaction. False when
     * one is held by another live claim: then the claim holds no role lock any more and must be released (or the
     * transaction rolled back).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean lockHere(Claim claim, Collection<String> roles) {
        Instant until = claim.nextLease();
        Set<String> all = new TreeSet<>(claim.roles());
        all.addAll(roles);
        boolean locked = claims.lockRoles(all, claim.holder(), claim.token(), Instant.now(), until)
                && claims.renew(claim.jobId(), claim.token(), all.size(), until);
        if (locked) {
            claim.locked(all);
            claim.renewed(until);
        }
        return locked;
    }

    /** {@link #lockHere} in a transaction of its own, for a job already running (a plan read from Snowflake). */
    public boolean lock(Claim claim, Collection<String> roles) {
        return QuarkusTransaction.requiringNew().call(() -> lockHere(claim, roles));
    }

    /** First step of every transaction that writes a job's results: throws {@link ClaimLost} unless the claim holds. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fence(Claim claim) {
        Instant until = claim.nextLease();
        if (!claims.renew(claim.jobId(), claim.token(), claim.roles().size(), until)) {
            claim.lost();
            throw new ClaimLost(claim.jobId());
        }
        claim.renewed(until);
    }

    /**
     * Ends the claim inside the transaction that records the job's outcome; once that commits, {@link #release} has
     * nothing left to give back and spares the database a transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void end(Claim claim) {
        claims.release(claim.jobId(), claim.token());
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    claim.ended();
                }
            }
        });
    }

    /**
     * Writes the lease afresh, in the caller's (starting) transaction, when planning took long enough to run it down:
     * renewals only begin once that transaction commits, and a job of a thousand members plans for seconds.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refreshIfRunningDown(Claim claim) {
        if (claim.runningDown()) {
            fence(claim);
        }
    }

    /** Gives back the job and its role locks if the claim still holds them (after a recorded outcome they are gone). */
    public void release(Claim claim) {
        renewals.release(claim.token());
        if (claim.isEnded()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> claims.release(claim.jobId(), claim.token()));
        } catch (RuntimeException e) {
            Log.warnf("job %d: its claim could not be released (%s); it lapses with its lease", claim.jobId(), e);
        }
    }
}
