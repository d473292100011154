package io.gatehouse.grant.service;

import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.persistence.JobClaims;
import io.gatehouse.messaging.work.LeaseRenewals;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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

    ClaimKeeper(JobClaims claims, GrantConfig config) {
        this.claims = claims;
        this.lease = config.apply().lease();
        this.renewals = new LeaseRenewals<>("grant", lease, new LeaseRenewals.Renewal<>() {
            @Override
            public boolean renew(Claim claim, Instant until) {
                return claims.renew(claim.jobId(), claim.token(), claim.roles().size(), until);
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

    /** Claims the job for the holder with a new token; empty when it is not pending and due or a live lease holds it. */
    public Optional<Claim> claim(long jobId, String holder) {
        String token = UUID.randomUUID().toString();
        Instant until = Instant.now().plus(lease);
        boolean won = QuarkusTransaction.requiringNew().call(() -> claims.claim(jobId, holder, token, Instant.now(), until));
        if (!won) {
            return Optional.empty();
        }
        Claim claim = new Claim(jobId, holder, token, lease, until);
        renewals.hold(token, claim);
        return Optional.of(claim);
    }

    /**
     * Locks more roles for the claim, all in sorted order with those it holds, in one transaction. False when one is
     * held by another live claim: then the claim holds no role lock any more and must be released.
     */
    public boolean lock(Claim claim, Collection<String> roles) {
        Instant until = claim.nextLease();
        Set<String> all = new TreeSet<>(claim.roles());
        all.addAll(roles);
        boolean locked = QuarkusTransaction.requiringNew().call(() ->
                claims.lockRoles(all, claim.holder(), claim.token(), Instant.now(), until)
                        && claims.renew(claim.jobId(), claim.token(), all.size(), until));
        if (locked) {
            claim.locked(all);
            claim.renewed(until);
        }
        return locked;
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

    /** Ends the claim inside the transaction that records the job's outcome. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void end(Claim claim) {
        claims.release(claim.jobId(), claim.token());
    }

    /** Gives back the job and its role locks if the claim still holds them (after an outcome they are gone already). */
    public void release(Claim claim) {
        renewals.release(claim.token());
        try {
            QuarkusTransaction.requiringNew().run(() -> claims.release(claim.jobId(), claim.token()));
        } catch (RuntimeException e) {
            Log.warnf("job %d: its claim could not be released (%s); it lapses with its lease", claim.jobId(), e);
        }
    }
}
