package io.gatehouse.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A table group published in a business: the business's members read its tables. */
@Entity
@Table(name = "publication")
@IdClass(Publication.Key.class)
public class Publication extends PanacheEntityBase {

    public record Key(String tableGroup, String business) implements Serializable {
    }

    @Id
    @Column(name = "table_group")
    public String tableGroup;
    @Id
    public String business;
}
