package io.gatehouse.connector.persistence;

import io.gatehouse.connector.domain.ConnectorState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

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
    /** JSON object of non-secret settings. */
    public String config;
    @Column(name = "table_group")
    public String tableGroup;
    /** JSON array. */
    public String businesses;
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
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<ConnectorRequest> byConnection(String connectionId) {
        return find("connectionId", connectionId).firstResultOptional();
    }

    /** Makes the row due now with a clean attempt count: new work, not a retry. */
    public void dueNow(Instant now) {
        attempts = 0;
        lastError = null;
        nextAttemptAt = now;
        updatedAt = now;
    }

    /** Nothing left to do unless a sync asked for the tables. */
    public void workDone(Instant now) {
        attempts = 0;
        lastError = null;
        nextAttemptAt = tablesDue && state == ConnectorState.ACTIVE ? now : null;
        updatedAt = now;
    }
}
