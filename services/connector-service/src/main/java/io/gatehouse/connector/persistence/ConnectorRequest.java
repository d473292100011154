package io.gatehouse.connector.persistence;

import io.gatehouse.connector.domain.ConnectorState;
import io.gatehouse.connector.domain.RequestProgress;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The Fivetran side of one onboarding request, and the work due on it. */
@Entity
@Table(name = "connector_request")
public class ConnectorRequest extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public String requestId;
    public String service;
    @Column(name = "group_id")
    public String groupId;
    @Column(name = "schema_name")
    public String schemaName;
    /** Non-secret settings, a JSON object. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> config;
    @Column(name = "table_group")
    public String tableGroup;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> businesses;
    @Enumerated(EnumType.STRING)
    public ConnectorState state;
    @Column(name = "connection_id")
    public String connectionId;
    @Column(name = "card_uri")
    public String cardUri;
    @Column(name = "card_expires_at")
    public Instant cardExpiresAt;
    @Column(name = "tables_due")
    public boolean tablesDue;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    /** The state a REACTIVATING request came from (BROKEN or FAILED); null otherwise. */
    @Enumerated(EnumType.STRING)
    @Column(name = "reactivating_from")
    public ConnectorState reactivatingFrom;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /**
     * The worker's claim ({@link StepClaims}): read here, written only by its single statements, so that saving the
     * entity (an event, a result) never overwrites a claim taken meanwhile.
     */
    @Column(name = "claimed_by", insertable = false, updatable = false)
    public String claimedBy;
    @Column(name = "claim_token", insertable = false, updatable = false)
    public String claimToken;
    @Column(name = "lease_until", insertable = false, updatable = false)
    public Instant leaseUntil;

    public static Optional<ConnectorRequest> byConnection(String connectionId) {
        return find("connectionId", connectionId).firstResultOptional();
    }

    /** Up to {@code limit} rows due at {@code now} and not held by a live claim, longest waiting first. */
    public static List<ConnectorRequest> due(Instant now, int limit) {
        return ConnectorRequest.<ConnectorRequest>find(
                "nextAttemptAt <= :now and (leaseUntil is null or leaseUntil < :now)", Sort.ascending("nextAttemptAt"),
                Parameters.with("now", now)).page(0, limit).list();
    }

    public RequestProgress progress() {
        return new RequestProgress(requestId, state, connectionId, cardUri, cardExpiresAt, tablesDue, attempts,
                lastError, nextAttemptAt, version, reactivatingFrom);
    }

    /** Takes over what the lifecycle decided; the version stays Hibernate's. */
    public void record(RequestProgress next) {
        state = next.state();
        connectionId = next.connectionId();
        cardUri = next.cardUri();
        cardExpiresAt = next.cardExpiresAt();
        tablesDue = next.tablesDue();
        attempts = next.attempts();
        lastError = next.lastError();
        nextAttemptAt = next.nextAttemptAt();
        reactivatingFrom = next.reactivatingFrom();
    }
}
