package io.gatehouse.onboarding.persistence;

import io.gatehouse.onboarding.domain.RequestState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One onboarding request as the platform team asked for it, and where it stands. */
@Entity
@Table(name = "onboarding_request")
public class OnboardingRequest extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "client_idempotency_key")
    public String idempotencyKey;
    /** SHA-256 of the canonical request body: a replay with the same key must carry the same body. */
    public String fingerprint;
    public String service;
    @Column(name = "group_id")
    public String groupId;
    @Column(name = "schema_name")
    public String schemaName;
    /** JSON object; never holds credentials (refused on the way in). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> config;
    @Column(name = "owner_name")
    public String ownerName;
    @Column(name = "owner_email")
    public String ownerEmail;
    @Column(name = "table_group")
    public String tableGroup;
    /** JSON array of business names. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> businesses;
    @Enumerated(EnumType.STRING)
    public RequestState state;
    @Column(name = "connection_id")
    public String connectionId;
    @Column(name = "card_uri")
    public String cardUri;
    @Column(name = "card_expires_at")
    public Instant cardExpiresAt;
    /** The link to hand to the owner (from ConnectCardIssued): it outlives each card, unlike {@link #cardUri}. */
    @Column(name = "owner_link")
    public String ownerLink;
    @Column(name = "failure_stage")
    public String failureStage;
    @Column(name = "failure_code")
    public String failureCode;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<OnboardingRequest> byIdempotencyKey(String caller, String key) {
        return find("requestedBy = ?1 and idempotencyKey = ?2", caller, key).firstResultOptional();
    }

    /** Newest first; {@code owner} matches the owner's name or email, case-insensitively, in part; null filters match all. */
    public static PanacheQuery<OnboardingRequest> search(RequestState state, String service, String owner) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (state != null) {
            where.add("state = :state");
            params.and("state", state);
        }
        if (service != null && !service.isBlank()) {
            where.add("service = :service");
            params.and("service", service);
        }
        if (owner != null && !owner.isBlank()) {
            where.add("(lower(ownerEmail) like :owner or lower(ownerName) like :owner)");
            params.and("owner", "%" + owner.toLowerCase(Locale.ROOT) + "%");
        }
        Sort newestFirst = Sort.descending("createdAt").and("id");
        return where.isEmpty() ? findAll(newestFirst) : find(String.join(" and ", where), newestFirst, params);
    }

    public void moveTo(RequestState target, Instant at) {
        state = state.moveTo(target);
        updatedAt = at;
    }

    /** The running connection works again: ACTIVE, and a failure that was reactivated is no longer the request's story. */
    public void recover(Instant at) {
        RequestState next = state.recover();
        if (next != state && state == RequestState.FAILED) {
            failureStage = null;
            failureCode = null;
            failureReason = null;
        }
        state = next;
        updatedAt = at;
    }

    /** The owner link, while the owner still has a setup to do. */
    public boolean ownerLinkUseful() {
        return ownerLink != null && state.acceptsConnectCardReissue();
    }

    /** The card link, only while Fivetran still honours it (one day after issue). */
    public boolean cardValidAt(Instant now) {
        return cardUri != null && cardExpiresAt != null && now.isBefore(cardExpiresAt)
                && state.acceptsConnectCardReissue();
    }
}
