package io.gatehouse.grant.persistence;

import io.gatehouse.grant.domain.Identifier;
import io.gatehouse.grant.domain.InvalidNameException;
import io.gatehouse.grant.domain.ManagedRole;
import io.gatehouse.grant.domain.RoleNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/**
 * Which source owns which role name. The name rule folds several sources onto one name ({@code a.b}, {@code a_b});
 * the first source keeps it and any other is refused, so two businesses never share a role.
 */
@ApplicationScoped
public class RoleRegistry {

    private final EntityManager em;

    RoleRegistry(EntityManager em) {
        this.em = em;
    }

    /** The role's name, registered to it; throws {@link InvalidNameException} when another source holds the name. */
    public String claim(RoleNames names, ManagedRole role) {
        String name = names.of(role);
        em.createNativeQuery("insert into role_registry (role_name, kind, source) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, name).setParameter(2, role.kind()).setParameter(3, role.source()).executeUpdate();
        Object[] owner = (Object[]) em.createNativeQuery("select kind, source from role_registry where role_name = ?1")
                .setParameter(1, name).getSingleResult();
        if (!role.kind().equals(owner[0]) || !role.source().equals(owner[1])) {
            throw new InvalidNameException("role name " + name + " of " + role.kind().toLowerCase() + " '" + role.source()
                    + "' is already held by " + ((String) owner[0]).toLowerCase() + " '" + owner[1] + "'; refusing to merge them");
        }
        return name;
    }

    /** The managed role a registered name stands for. */
    public Optional<ManagedRole> resolve(String roleName) {
        List<?> rows = em.createNativeQuery("select kind, source from role_registry where role_name = ?1")
                .setParameter(1, roleName).getResultList();
        return rows.stream().map(r -> (Object[]) r).findFirst().map(r -> of((String) r[0], (String) r[1]));
    }

    public List<String> allNames() {
        return em.createNativeQuery("select role_name from role_registry order by role_name").getResultList()
                .stream().map(String.class::cast).toList();
    }

    private static ManagedRole of(String kind, String source) {
        switch (kind) {
            case "USER":
                return new ManagedRole.User(source);
            case "BUSINESS":
                return new ManagedRole.Business(source);
            case "TABLE_GROUP":
                return new ManagedRole.Group(source);
            default:
                List<String> parts = Identifier.parseQualified(source);
                return new ManagedRole.SharedSchema(parts.get(0), parts.get(1));
        }
    }
}
