package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** A group as the identity provider pushed it; {@code business} is set when the group stands for a business. */
@Entity
@Table(name = "scim_group")
public class ScimGroup extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "display_name_key")
    public String displayNameKey;
    public String business;
    @Column(name = "business_role")
    public String businessRole;
    @Column(name = "external_id")
    public String externalId;
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static String key(String displayName) {
        return displayName.toLowerCase(Locale.ROOT);
    }

    /** The group, locked for this transaction: changes of one group's members queue here. */
    public static Optional<ScimGroup> locked(String id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
