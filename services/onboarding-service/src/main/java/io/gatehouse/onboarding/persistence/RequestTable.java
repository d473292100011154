package io.gatehouse.onboarding.persistence;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** The tables a request brought into Snowflake, from TableAdded on gatehouse.catalog. */
public final class RequestTable {

    private RequestTable() {
    }

    public static void add(EntityManager em, String requestId, String qualifiedName, Instant at) {
        em.createNativeQuery("insert into request_table (request_id, qualified_name, added_at) select ?1, ?2, ?3 "
                        + "where not exists (select 1 from request_table where request_id = ?1 and qualified_name = ?2)")
                .setParameter(1, requestId).setParameter(2, qualifiedName).setParameter(3, at)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public static List<String> of(EntityManager em, String requestId) {
        return em.createNativeQuery("select qualified_name from request_table where request_id = ?1 order by qualified_name")
                .setParameter(1, requestId).getResultList();
    }
}
