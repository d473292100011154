package io.gatehouse.grant.persistence;

import java.time.Instant;
import java.util.List;

/** A request to bring some managed roles to their desired state, caused by one event or admin change. */
public record ApplyJob(long id, String key, String eventId, String eventType, String login, List<String> roles,
                       String status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
                       Instant updatedAt) {

    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";
    public static final String PARKED = "PARKED";
}
