package io.gatehouse.grant.persistence;

import io.gatehouse.grant.domain.Grant;
import io.gatehouse.grant.domain.Securable;
import io.gatehouse.grant.domain.Statement;
import io.gatehouse.naming.Identifier;
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
        Set<Grant> grants = new HashSet<>();
        for (AppliedGrant row : AppliedGrant.<AppliedGrant>list("roleName", role)) {
            grants.add(row.grant());
        }
        return grants;
    }

    public List<String> roles() {
        return em.createQuery("select distinct roleName from AppliedGrant order by roleName", String.class).getResultList();
    }

    /** Records the effect of a statement that succeeded. Dropping a role forgets all of its rows. */
    public void record(Statement s) {
        if (!s.adds() && s.grant() instanceof Grant.RoleExists) {
            AppliedGrant.delete("roleName", s.role());
            // Snowflake also takes a dropped role away from every role that held it: forget those rows too,
            // or their next plan would revoke a role that no longer exists.
            AppliedGrant.delete("kind = ?1 and objectType = ?2 and objectName = ?3",
                    GrantKind.PRIVILEGE, Securable.Type.ROLE.name(), Identifier.quote(s.role()));
            return;
        }
        AppliedGrant row = AppliedGrant.of(s.role(), s.grant());
        if (s.adds() && s.grant() instanceof Grant.UserDefaults) {
            // one set of defaults per user: the ALTER USER SET just run replaced the ones recorded before
            AppliedGrant.delete("roleName = ?1 and kind = ?2", s.role(), GrantKind.USER_DEFAULTS);
        }
        if (s.adds()) {
            // a grant applied twice (a job repeated after a crash) is still one row
            em.createNativeQuery("insert into applied_grant (role_name, kind, privilege, object_type, object_name, "
                            + "applied_at) values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing")
                    .setParameter(1, row.roleName).setParameter(2, row.kind.name()).setParameter(3, row.privilege)
                    .setParameter(4, row.objectType).setParameter(5, row.objectName).setParameter(6, Instant.now())
                    .executeUpdate();
        } else {
            AppliedGrant.delete("roleName = ?1 and kind = ?2 and privilege = ?3 and objectType = ?4 and objectName = ?5",
                    row.roleName, row.kind, row.privilege, row.objectType, row.objectName);
        }
    }
}
