package io.gatehouse.connector.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/**
 * Claims on the worker's steps, in the database so that several instances share them (V5): a claim is a conditional
 * update (due, no live lease, unchanged since it was read) that PostgreSQL and H2 both run, and sets a new token; a
 * renewal and the fence both check that token, so once another instance has taken over, the old holder can neither keep
 * the lease nor write a result. Single native statements: they leave the row's version (the lifecycle's) alone.
 */
@ApplicationScoped
public class StepClaims {

    private final EntityManager em;

    StepClaims(EntityManager em) {
        this.em = em;
    }

    /** True when this claim won the request: due at {@code now}, no live lease, and still at {@code version}. */
    public boolean claim(String requestId, long version, String holder, String token, Instant now, Instant leaseUntil) {
        return em.createNativeQuery("update connector_request set claimed_by = ?1, claim_token = ?2, lease_until = ?3 "
                        + "where request_id = ?4 and version = ?5 and next_attempt_at <= ?6 "
                        + "and (lease_until is null or lease_until < ?6)")
                .setParameter(1, holder).setParameter(2, token).setParameter(3, leaseUntil).setParameter(4, requestId)
                .setParameter(5, version).setParameter(6, now).executeUpdate() == 1;
    }

    /** Extends the lease while the claim holds; false once another instance took over (or the claim ended). */
    public boolean renew(String requestId, String token, Instant leaseUntil) {
        return em.createNativeQuery(
                        "update connector_request set lease_until = ?1 where request_id = ?2 and claim_token = ?3")
                .setParameter(1, leaseUntil).setParameter(2, requestId).setParameter(3, token).executeUpdate() == 1;
    }

    /**
     * The fence: ends the claim if it still holds, false otherwise. The first statement of every transaction that writes
     * a step's result; the row then stays locked against a takeover until that transaction ends, and once it commits the
     * request may be claimed again at once.
     */
    public boolean end(String requestId, String token) {
        return em.createNativeQuery("update connector_request set claim_token = null, lease_until = null "
                        + "where request_id = ?1 and claim_token = ?2")
                .setParameter(1, requestId).setParameter(2, token).executeUpdate() == 1;
    }
}
