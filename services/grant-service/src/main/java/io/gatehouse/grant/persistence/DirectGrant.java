package io.gatehouse.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A table group granted to one user directly, outside any business. */
@Entity
@Table(name = "direct_grant")
@IdClass(DirectGrant.Key.class)
public class DirectGrant extends PanacheEntityBase {

    public record Key(String login, String tableGroup) implements Serializable {
    }

    @Id
    public String login;
    @Id
    @Column(name = "table_group")
    public String tableGroup;
}
