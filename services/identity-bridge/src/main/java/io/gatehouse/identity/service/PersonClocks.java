package io.gatehouse.identity.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Event times per login. The grant-service orders a person's joins and leaves by event time and ignores one older
 * than the last it applied; with several instances (several clocks) writing about one person, a leave stamped by a
 * clock a second behind would be ignored and the person would keep access. So each login's next event time is
 * {@code max(now, last + 1 µs)}, read and written under the login's row lock, which also queues concurrent changes
 * of one person's memberships.
 */
@ApplicationScoped
public class PersonClocks {

    private final EntityManager em;

    PersonClocks(EntityManager em) {
        this.em = em;
    }

    /** Locks the logins' clocks in one order (sorted), so two transactions never wait on each other in a circle. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(Collection<String> logins) {
        for (String login : new TreeSet<>(logins)) {
            last(login);
        }
    }

    /** The next event time of this login, never before the last one handed out (by any instance). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Instant next(String login) {
        Instant last = last(login);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant next = now.isAfter(last) ? now : last.plus(1, ChronoUnit.MICROS);
        em.createNativeQuery("update person_clock set last_event_at = ?1 where login = ?2")
                .setParameter(1, Timestamp.from(next))
                .setParameter(2, login)
                .executeUpdate();
        return next;
    }

    private Instant last(String login) {
        // Insert-first: a concurrent insert of the same login waits on the key, then finds the row.
        em.createNativeQuery("insert into person_clock (login, last_event_at) values (?1, ?2) on conflict do nothing")
                .setParameter(1, login)
                .setParameter(2, Timestamp.from(Instant.EPOCH))
                .executeUpdate();
        Object last = em.createNativeQuery("select last_event_at from person_clock where login = ?1 for update")
                .setParameter(1, login)
                .getSingleResult();
        // Read back in the zone Timestamp.from wrote it in, whichever type the driver hands out.
        return last instanceof Timestamp t ? t.toInstant() : Timestamp.valueOf((java.time.LocalDateTime) last).toInstant();
    }
}
