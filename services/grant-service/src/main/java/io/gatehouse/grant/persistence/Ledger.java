package io.gatehouse.grant.persistence;

import io.gatehouse.grant.domain.Grant;
import io.gatehouse.grant.domain.Identifier;
import io.gatehouse.grant.domain.Securable;
import io.gatehouse.grant.domain.Statement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The applied-grants ledger: what Gatehouse has done in Snowflake, one row per grant of a managed role. */
@ApplicationScoped
public class Ledger {

    private final EntityManager em;

    Ledger(EntityManager em) {
        this.em = em;
    }

    public Set<Grant> of(String role) {
        List<?> rows = em.createNativeQuery("select kind, privilege, object_type, object_name from applied_grant "
                + "where role_name = ?1").setParameter(1, role).getResultList();
        Set<Grant> grants = new HashSet<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            grants.add(grant((String) r[0], (String) r[1], (String) r[2], (String) r[3]));
        }
        return grants;
    }

    public List<String> roles() {
        return em.createNativeQuery("select distinct role_name from applied_grant order by role_name").getResultList()
                .stream().map(String.class::cast).toList();
    }

    /** Records the effect of a statement that succeeded. Dropping a role forgets all of its rows. */
    public void record(Statement s) {
        if (!s.adds() && s.grant() instanceof Grant.RoleExists) {
            em.createNativeQuery("delete from applied_grant where role_name = ?1").setParameter(1, s.role()).executeUpdate();
            // Snowflake also takes a dropped role away from every role that held it: forget those rows too,
            // or their next plan would revoke a role that no longer exists.
            em.createNativeQuery("delete from applied_grant where kind = 'PRIVILEGE' and object_type = 'ROLE' and object_name = ?1")
                    .setParameter(1, Identifier.quote(s.role())).executeUpdate();
            return;
        }
        String[] c = columns(s.grant());
        if (s.adds()) {
            em.createNativeQuery("insert into applied_grant (role_name, kind, privilege, object_type, object_name, applied_at) "
                            + "values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing")
                    .setParameter(1, s.role()).setParameter(2, c[0]).setParameter(3, c[1]).setParameter(4, c[2])
                    .setParameter(5, c[3]).setParameter(6, Instant.now()).executeUpdate();
        } else {
            em.createNativeQuery("delete from applied_grant where role_name = ?1 and kind = ?2 and privilege = ?3 "
                            + "and object_type = ?4 and object_name = ?5")
                    .setParameter(1, s.role()).setParameter(2, c[0]).setParameter(3, c[1]).setParameter(4, c[2])
                    .setParameter(5, c[3]).executeUpdate();
        }
    }

    static String[] columns(Grant g) {
        if (g instanceof Grant.RoleExists) {
            return new String[] {"ROLE", "-", "-", "-"};
        } else if (g instanceof Grant.ManagedSchema s) {
            return new String[] {"SCHEMA", "-", "SCHEMA", Identifier.qualified(List.of(s.database(), s.schema()))};
        } else if (g instanceof Grant.Privilege p) {
            return new String[] {"PRIVILEGE", p.privilege(), p.on().type().name(), p.on().name()};
        }
        Grant.GrantedTo t = (Grant.GrantedTo) g;
        return new String[] {"GRANTED_TO", "-", t.grantee().name(), Identifier.quote(t.name())};
    }

    static Grant grant(String kind, String privilege, String type, String name) {
        switch (kind) {
            case "ROLE":
                return new Grant.RoleExists();
            case "SCHEMA": {
                List<String> parts = Identifier.parseQualified(name);
                return new Grant.ManagedSchema(parts.get(0), parts.get(1));
            }
            case "PRIVILEGE":
                return new Grant.Privilege(privilege, new Securable(Securable.Type.valueOf(type), Identifier.parseQualified(name)));
            default:
                return new Grant.GrantedTo(Grant.Grantee.valueOf(type), Identifier.parseQualified(name).get(0));
        }
    }
}
