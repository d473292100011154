package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A SCIM bearer token, kept only as its SHA-256: the token itself is shown once, when it is made. */
@Entity
@Table(name = "scim_token")
public class ScimToken extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    @Column(name = "token_sha256")
    public String tokenSha256;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public static List<ScimToken> live() {
        return list("revokedAt is null order by createdAt");
    }

    public static Optional<ScimToken> liveByHash(String sha256) {
        return find("tokenSha256 = ?1 and revokedAt is null", sha256).firstResultOptional();
    }
}
