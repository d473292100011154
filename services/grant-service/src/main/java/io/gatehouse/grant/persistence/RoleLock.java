package io.gatehouse.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A managed role locked by one claimed job (its claim token) until the lease runs out or the job releases it. */
@Entity
@Table(name = "role_lock")
public class RoleLock extends PanacheEntityBase {

    @Id
    @Column(name = "role_name")
    public String roleName;
    public String holder;
    public String token;
    @Column(name = "lease_until")
    public Instant leaseUntil;
}
