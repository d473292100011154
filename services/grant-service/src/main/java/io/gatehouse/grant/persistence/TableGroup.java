package io.gatehouse.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A table group declared by the platform team or named by a table of the catalog. */
@Entity
@Table(name = "table_group")
public class TableGroup extends PanacheEntityBase {

    @Id
    public String name;
}
