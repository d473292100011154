package io.gatehouse.grant.persistence;

/** What an apply job plans against. */
public enum JobKind {
    /** The desired state of its roles against the ledger of what Gatehouse applied. */
    APPLY,
    /** A drifted role: the desired state against the grants Snowflake shows when the job runs. */
    RECONCILE
}
