package io.gatehouse.identity.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/** Who is a member of which group ({@code scim_membership}). */
@ApplicationScoped
public class Memberships {

    private final EntityManager em;

    Memberships(EntityManager em) {
        this.em = em;
    }

    @SuppressWarnings("unchecked")
    public List<String> members(String groupId) {
        return em.createNativeQuery("select user_id from scim_membership where group_id = ?1 order by user_id")
                .setParameter(1, groupId).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<String> groupsOf(String userId) {
        return em.createNativeQuery("select group_id from scim_membership where user_id = ?1 order by group_id")
                .setParameter(1, userId).getResultList();
    }

    /** True when the user was not a member before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean add(String groupId, String userId) {
        return em.createNativeQuery("insert into scim_membership (group_id, user_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, groupId).setParameter(2, userId).executeUpdate() == 1;
    }

    /** True when the user was a member. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean remove(String groupId, String userId) {
        return em.createNativeQuery("delete from scim_membership where group_id = ?1 and user_id = ?2")
                .setParameter(1, groupId).setParameter(2, userId).executeUpdate() == 1;
    }
}
