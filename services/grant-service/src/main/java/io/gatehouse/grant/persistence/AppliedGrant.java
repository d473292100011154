package io.gatehouse.grant.persistence;

import io.gatehouse.grant.domain.Grant;
import io.gatehouse.grant.domain.Securable;
import io.gatehouse.naming.Identifier;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One row of the applied-grants ledger: a {@link Grant} of a managed role that Gatehouse has applied. Columns a kind
 * does not use hold {@code -}, so the whole row can stay the primary key.
 */
@Entity
@Table(name = "applied_grant")
@IdClass(AppliedGrant.Key.class)
public class AppliedGrant extends PanacheEntityBase {

    static final String UNUSED = "-";

    public record Key(String roleName, GrantKind kind, String privilege, String objectType, String objectName)
            implements Serializable {
    }

    @Id
    @Column(name = "role_name")
    public String roleName;
    @Id
    @Enumerated(EnumType.STRING)
    public GrantKind kind;
    @Id
    public String privilege;
    @Id
    @Column(name = "object_type")
    public String objectType;
    @Id
    @Column(name = "object_name")
    public String objectName;
    @Column(name = "applied_at")
    public Instant appliedAt;

    /** The row recording {@code grant} of {@code role}. */
    public static AppliedGrant of(String role, Grant grant) {
        AppliedGrant row = new AppliedGrant();
        row.roleName = role;
        row.privilege = UNUSED;
        row.objectType = UNUSED;
        row.objectName = UNUSED;
        if (grant instanceof Grant.RoleExists) {
            row.kind = GrantKind.ROLE;
        } else if (grant instanceof Grant.ManagedSchema s) {
            row.kind = GrantKind.SCHEMA;
            row.objectType = "SCHEMA";
            row.objectName = Identifier.qualified(List.of(s.database(), s.schema()));
        } else if (grant instanceof Grant.Privilege p) {
            row.kind = GrantKind.PRIVILEGE;
            row.privilege = p.privilege();
            row.objectType = p.on().type().name();
            row.objectName = p.on().name();
        } else if (grant instanceof Grant.UserDefaults d) {
            row.kind = GrantKind.USER_DEFAULTS;
            row.objectType = "USER";
            row.objectName = Identifier.qualified(d.warehouse() == null ? List.of(d.login())
                    : List.of(d.login(), d.warehouse()));
        } else {
            Grant.GrantedTo t = (Grant.GrantedTo) grant;
            row.kind = GrantKind.GRANTED_TO;
            row.objectType = t.grantee().name();
            row.objectName = Identifier.quote(t.name());
        }
        return row;
    }

    /** The grant this row records. */
    public Grant grant() {
        List<String> name = Identifier.parseQualified(objectName);
        return switch (kind) {
            case ROLE -> new Grant.RoleExists();
            case SCHEMA -> new Grant.ManagedSchema(name.get(0), name.get(1));
            case PRIVILEGE -> new Grant.Privilege(privilege, new Securable(Securable.Type.valueOf(objectType), name));
            case GRANTED_TO -> new Grant.GrantedTo(Grant.Grantee.valueOf(objectType), name.get(0));
            case USER_DEFAULTS -> new Grant.UserDefaults(name.get(0), name.size() > 1 ? name.get(1) : null);
        };
    }
}
