package io.gatehouse.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The warehouse the platform team set for a business. */
@Entity
@Table(name = "business_warehouse")
public class BusinessWarehouse extends PanacheEntityBase {

    @Id
    public String business;
    public String warehouse;
}
