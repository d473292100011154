package io.gatehouse.webhook.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The Connect Card last issued for an onboarding request: its Fivetran connection and link. */
@Entity
@Table(name = "connect_card_binding")
public class ConnectCardBinding extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "connection_id")
    public String connectionId;
    @Column(name = "connect_card_uri")
    public String connectCardUri;
    @Column(name = "expires_at")
    public Instant expiresAt;
    /** CloudEvents time of the ConnectCardIssued this row comes from; an older event never overwrites a newer one. */
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** When the owner link last asked for a fresh card (ConnectCardRequested) because this one was (about to be) expired. */
    @Column(name = "reissue_requested_at")
    public Instant reissueRequestedAt;

    /** Whether the owner can still use the link to continue the setup. */
    public boolean cardUsableAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
