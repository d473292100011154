package io.gatehouse.grant.persistence;

import io.gatehouse.grant.domain.ManagedRole;
import io.gatehouse.naming.InvalidNameException;
import io.gatehouse.naming.RoleNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
        String name = role.roleName(names);
        // insert-first: of two transactions claiming one name, the second waits for the first and then reads its owner
        em.createNativeQuery("insert into role_registry (role_name, kind, source) values (?1, ?2, ?3) "
                        + "on conflict do nothing")
                .setParameter(1, name).setParameter(2, role.kind().name()).setParameter(3, role.source()).executeUpdate();
        requireHeldBy(RoleRegistration.find("roleName", name).singleResult(), role, name);
        return name;
    }

    /**
     * The role's name, without registering it (a preview's question); throws {@link InvalidNameException} when another
     * source holds the name, as {@link #claim} would.
     */
    public String check(RoleNames names, ManagedRole role) {
        String name = role.roleName(names);
        RoleRegistration.<RoleRegistration>findByIdOptional(name).ifPresent(owner -> requireHeldBy(owner, role, name));
        return name;
    }

    private static void requireHeldBy(RoleRegistration owner, ManagedRole role, String name) {
        if (!owner.heldBy(role)) {
            throw refused(name, role, owner.role());
        }
    }

    /** The refusal of {@code role}'s name, which {@code owner} holds (or, in a preview, would register first). */
    public static InvalidNameException refused(String name, ManagedRole role, ManagedRole owner) {
        return new InvalidNameException("role name " + name + " of " + role.kind().name().toLowerCase() + " '"
                + role.source() + "' is already held by " + owner.kind().name().toLowerCase() + " '" + owner.source()
                + "'; refusing to merge them");
    }

    /** The role's name when it is registered to this role (a role that may exist), without registering it. */
    public Optional<String> registered(RoleNames names, ManagedRole role) {
        String name = role.roleName(names);
        return RoleRegistration.<RoleRegistration>findByIdOptional(name).filter(r -> r.heldBy(role)).map(r -> name);
    }

    /** The managed roles these registered names stand for (names not registered are left out), in one query. */
    public Map<String, ManagedRole> resolve(Collection<String> roleNames) {
        if (roleNames.isEmpty()) {
            return Map.of();
        }
        return RoleRegistration.<RoleRegistration>list("roleName in ?1", List.copyOf(roleNames)).stream()
                .collect(Collectors.toMap(r -> r.roleName, RoleRegistration::role));
    }

    /** The managed role a registered name stands for. */
    public Optional<ManagedRole> resolve(String roleName) {
        return RoleRegistration.<RoleRegistration>findByIdOptional(roleName).map(RoleRegistration::role);
    }
}
