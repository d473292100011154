package io.gatehouse.grant.persistence;

/** Where an apply job stands. */
public enum JobStatus {
    /** Due now or waiting for its next attempt. */
    PENDING,
    /**
     * Its plan grants the user role to the job's own user, and Snowflake does not know that user yet (SCIM provisioning
     * lags the HR event): retried with its own back-off until the user appears or the horizon passes, never using up
     * attempts. It still orders its key like a pending job.
     */
    WAITING_FOR_USER,
    /** Applied; its statements are in the audit log. */
    DONE,
    /** Failed permanently or too often: waits for an operator's replay. */
    PARKED
}
