package io.gatehouse.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * A user's membership of a business, as HR reported it last. A leave keeps the row ({@code member = false}) as a
 * tombstone: its event time is what a late join is compared with.
 */
@Entity
@Table(name = "membership")
@IdClass(Membership.Key.class)
public class Membership extends PanacheEntityBase {

    public record Key(String login, String business) implements Serializable {
    }

    @Id
    public String login;
    @Id
    public String business;
    public boolean member;
    /** Event time of the last change applied to this pair; null on rows older than the ordering. */
    @Column(name = "changed_at")
    public Instant changedAt;
}
