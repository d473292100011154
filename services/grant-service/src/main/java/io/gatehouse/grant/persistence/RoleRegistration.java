package io.gatehouse.grant.persistence;

import io.gatehouse.grant.domain.ManagedRole;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One role name and the source that owns it; written once, never changed. */
@Entity
@Table(name = "role_registry")
public class RoleRegistration extends PanacheEntityBase {

    @Id
    @Column(name = "role_name")
    public String roleName;
    @Enumerated(EnumType.STRING)
    public ManagedRole.Kind kind;
    public String source;

    public boolean heldBy(ManagedRole role) {
        return kind == role.kind() && source.equals(role.source());
    }

    public ManagedRole role() {
        return ManagedRole.of(kind, source);
    }
}
