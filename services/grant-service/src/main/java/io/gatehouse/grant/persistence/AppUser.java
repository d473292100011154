package io.gatehouse.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user Gatehouse has heard of, by login (upper case); {@code userId} is HR's id when an event named it. */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {

    @Id
    public String login;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "first_seen")
    public Instant firstSeen;
}
