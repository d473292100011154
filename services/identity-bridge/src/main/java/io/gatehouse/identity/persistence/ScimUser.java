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

/**
 * A user as the identity provider pushed it. {@code attributes} is the resource document (the one source of its
 * attributes); the columns beside it are what the service looks users up by, extracted on every write.
 */
@Entity
@Table(name = "scim_user")
public class ScimUser extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "user_name")
    public String userName;
    @Column(name = "user_name_key")
    public String userNameKey;
    public String login;
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "display_name")
    public String displayName;
    public boolean active;
    public String attributes;
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static String key(String userName) {
        return userName.toLowerCase(Locale.ROOT);
    }

    /** The user, locked for this transaction: every change of one user and of its memberships queues here. */
    public static Optional<ScimUser> locked(String id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static Optional<ScimUser> byUserName(String userName) {
        return find("userNameKey", key(userName)).firstResultOptional();
    }

    public static Optional<ScimUser> byLogin(String login) {
        return find("login", login).firstResultOptional();
    }
}
