package io.gatehouse.grant.persistence;

/** How a statement run against Snowflake ended. */
public enum AuditOutcome {
    OK,
    FAILED,
    /** A revoke read back afterwards whose grant is still there (RevokeVerifier): an alert, not a statement run. */
    UNVERIFIED
}
