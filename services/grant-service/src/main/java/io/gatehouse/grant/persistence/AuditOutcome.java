package io.gatehouse.grant.persistence;

/** How a statement run against Snowflake ended. */
public enum AuditOutcome {
    OK,
    FAILED
}
