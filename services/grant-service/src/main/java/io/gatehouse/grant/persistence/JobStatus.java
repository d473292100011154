package io.gatehouse.grant.persistence;

/** Where an apply job stands. */
public enum JobStatus {
    /** Due now or waiting for its next attempt. */
    PENDING,
    /** Applied; its statements are in the audit log. */
    DONE,
    /** Failed permanently or too often: waits for an operator's replay. */
    PARKED
}
