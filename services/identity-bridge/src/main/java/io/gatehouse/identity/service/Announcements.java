package io.gatehouse.identity.service;

import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.messaging.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps gatehouse.identity in line with the SCIM state. What has been published per person is recorded
 * ({@code announced_membership}); after any change, a person's businesses now (those of the business groups they are
 * a member of while active) are compared with it, and only the difference is published, through the outbox in the
 * same transaction: a repeated add emits nothing, a deactivated or deleted person leaves every business, a renamed
 * login leaves under the old name and joins under the new one.
 *
 * <p>Callers hold the lock of each user they changed ({@code ScimUser.locked}) or have deleted its row: the state read
 * here is then the one that commits.
 */
@ApplicationScoped
public class Announcements {

    private final EntityManager em;
    private final Outbox outbox;
    private final PersonClocks clocks;
    private final MeterRegistry metrics;

    Announcements(EntityManager em, Outbox outbox, PersonClocks clocks, MeterRegistry metrics) {
        this.em = em;
        this.outbox = outbox;
        this.clocks = clocks;
        this.metrics = metrics;
    }

    /** Publishes what changed for these users; returns the number of events written. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int announce(Collection<String> userIds) {
        em.flush();
        int events = 0;
        for (String userId : new TreeSet<>(userIds)) {
            events += announce(userId);
        }
        return events;
    }

    private int announce(String userId) {
        Person now = current(userId);
        List<Membership> announced = announced(userId);
        List<Membership> leaves = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        for (Membership m : announced) {
            if (now == null || !m.login().equals(now.login()) || !now.businesses().contains(m.business())) {
                leaves.add(m);
            } else {
                kept.add(m.business());
            }
        }
        List<String> joins = now == null ? List.of()
                : now.businesses().stream().filter(b -> !kept.contains(b)).sorted().toList();
        if (leaves.isEmpty() && joins.isEmpty()) {
            return 0;
        }
        Set<String> logins = new TreeSet<>();
        leaves.forEach(m -> logins.add(m.login()));
        if (now != null) {
            logins.add(now.login());
        }
        clocks.lock(logins);
        for (Membership leave : leaves) {
            outbox.publish(new UserLeftBusiness(userId, leave.login(), leave.business()), clocks.next(leave.login()));
            em.createNativeQuery("delete from announced_membership where user_id = ?1 and business = ?2")
                    .setParameter(1, userId).setParameter(2, leave.business()).executeUpdate();
        }
        for (String business : joins) {
            outbox.publish(new UserJoinedBusiness(userId, now.login(), business), clocks.next(now.login()));
            em.createNativeQuery("insert into announced_membership (user_id, login, business, announced_at) "
                            + "values (?1, ?2, ?3, ?4)")
                    .setParameter(1, userId).setParameter(2, now.login()).setParameter(3, business)
                    .setParameter(4, Timestamp.from(Instant.now())).executeUpdate();
        }
        metrics.counter("gatehouse.identity.membership.changes", "source", "scim", "change", "left").increment(leaves.size());
        metrics.counter("gatehouse.identity.membership.changes", "source", "scim", "change", "joined").increment(joins.size());
        return leaves.size() + joins.size();
    }

    /** The user's login and businesses as they stand; null for a deleted user. An inactive user has no business. */
    private Person current(String userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select login, active from scim_user where id = ?1")
                .setParameter(1, userId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        String login = (String) rows.get(0)[0];
        if (!Boolean.TRUE.equals(rows.get(0)[1])) {
            return new Person(login, Set.of());
        }
        @SuppressWarnings("unchecked")
        List<String> businesses = em.createNativeQuery("select distinct g.business from scim_membership m "
                        + "join scim_group g on g.id = m.group_id where m.user_id = ?1 and g.business is not null")
                .setParameter(1, userId).getResultList();
        return new Person(login, new HashSet<>(businesses));
    }

    private List<Membership> announced(String userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select login, business from announced_membership where user_id = ?1 order by business")
                .setParameter(1, userId).getResultList();
        return rows.stream().map(r -> new Membership((String) r[0], (String) r[1])).toList();
    }

    private record Person(String login, Set<String> businesses) {
    }

    private record Membership(String login, String business) {
    }
}
