package io.gatehouse.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;

/**
 * A request to bring some managed roles to their desired state, caused by one event or admin change. Jobs of one
 * {@code jobKey} apply in id order. The roles keep their order: the plan lists statements of earlier roles first.
 */
@Entity
@Table(name = "apply_job")
public class ApplyJob extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "job_key")
    public String jobKey;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_type")
    public String eventType;
    public String login;
    // Loaded with the job, by job id (never by re-running the job query, whose rows may have moved on): the worker
    // reads them after the transaction ended.
    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 500)
    @CollectionTable(name = "apply_job_role", joinColumns = @JoinColumn(name = "job_id"))
    @OrderColumn(name = "role_index")
    @Column(name = "role_name")
    public List<String> roles = new ArrayList<>();
    @Enumerated(EnumType.STRING)
    public JobStatus status;
    public int attempts;
    /** Failed attempts that met an outage: they set the back-off, never park the job. */
    public int outages;
    /** When the job first found its user missing in Snowflake, in the current wait; the horizon counts from here. */
    @Column(name = "waiting_since")
    public Instant waitingSince;
    /** Tries of the current wait for the user: they set its back-off, never park the job before the horizon. */
    @Column(name = "user_waits")
    public int userWaits;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Enumerated(EnumType.STRING)
    public JobKind kind = JobKind.APPLY;
    /** The instance that claimed the job last (kept after the claim ends, for humans). */
    @Column(name = "claimed_by")
    public String claimedBy;
    /** The live claim's token: every write of the job's results must still find it here. */
    @Column(name = "claim_token")
    public String claimToken;
    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** Pending or waiting for its user: still to be applied. */
    public boolean unfinished() {
        return status == JobStatus.PENDING || status == JobStatus.WAITING_FOR_USER;
    }
}
