package io.gatehouse.connector.persistence;

import jakarta.persistence.EntityManager;
import java.time.Instant;

/** What TableAdded events were published per request, so a later sync announces only new tables. */
public final class AnnouncedTables {

    private AnnouncedTables() {
    }

    /** True when the table was not announced before (and now is recorded). */
    public static boolean firstTime(EntityManager em, String requestId, String qualifiedName, Instant at) {
        return em.createNativeQuery("insert into announced_table (request_id, qualified_name, announced_at) "
                        + "select ?1, ?2, ?3 where not exists "
                        + "(select 1 from announced_table where request_id = ?1 and qualified_name = ?2)")
                .setParameter(1, requestId).setParameter(2, qualifiedName).setParameter(3, at)
                .executeUpdate() == 1;
    }
}
