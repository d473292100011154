package io.gatehouse.messaging.cluster;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A named lease in the service's database that makes one instance of a service the holder of some work across its
 * instances: the outbox relay ({@code outbox}) and each cluster-wide schedule ({@link ClusterLeases}). The holder renews
 * it while it runs; once it lapses (the holder died or lost the database) another instance takes it over and the token
 * goes up. Writes that must come from the holder only are fenced by its token ({@link #fence()}), so a holder that lost
 * its lease without knowing it writes nothing. Times come from the instances' clocks (kept by NTP); a skew only shifts
 * when a takeover happens, never lets two holders write, since the token decides that.
 *
 * <p>The rows live in {@code relay_lease} (V0_4), named after its first user; one row a name, one database a service.
 */
public final class ClusterLease {

    /** What a heartbeat did. */
    public enum Outcome { RENEWED, ACQUIRED, LOST, STANDBY }

    private final String name;
    private final String holder;
    private final Duration duration;
    /** The token of the lease this instance holds, or null. */
    private volatile Long token;
    private volatile Instant heldUntil = Instant.MIN;

    public ClusterLease(String name, String holder, Duration duration) {
        this.name = name;
        this.holder = holder;
        this.duration = duration;
    }

    /** This process as a lease holder: a random id (a restarted process is a new holder) and the host name. */
    public static String newHolderId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
        }
        return UUID.randomUUID() + "@" + host;
    }

    public String name() {
        return name;
    }

    public String holder() {
        return holder;
    }

    /** True while this instance holds the lease and, by its own clock, it has not lapsed. */
    public boolean held() {
        return token != null && Instant.now().isBefore(heldUntil);
    }

    /** Renews the lease this instance holds, or takes it when it is free or has lapsed. One short transaction. */
    public synchronized Outcome heartbeat() {
        Instant now = Instant.now();
        Instant until = now.plus(duration);
        Long held = token;
        Optional<Long> taken = QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = Panache.getEntityManager();
            if (held != null && em.createNativeQuery(
                            "update relay_lease set lease_until = ?1 where name = ?2 and holder = ?3 and token = ?4")
                    .setParameter(1, until).setParameter(2, name).setParameter(3, holder).setParameter(4, held)
                    .executeUpdate() == 1) {
                return Optional.of(held);
            }
            em.createNativeQuery("insert into relay_lease (name, token) values (?1, 0) on conflict do nothing")
                    .setParameter(1, name).executeUpdate();
            int took = em.createNativeQuery("update relay_lease set holder = ?1, token = token + 1, lease_until = ?2 "
                            + "where name = ?3 and (holder is null or lease_until is null or lease_until < ?4)")
                    .setParameter(1, holder).setParameter(2, until).setParameter(3, name).setParameter(4, now)
                    .executeUpdate();
            if (took == 0) {
                return Optional.<Long>empty();
            }
            return Optional.of(((Number) em.createNativeQuery("select token from relay_lease where name = ?1")
                    .setParameter(1, name).getSingleResult()).longValue());
        });
        token = taken.orElse(null);
        heldUntil = taken.isPresent() ? until : Instant.MIN;
        if (taken.isPresent()) {
            return taken.get().equals(held) ? Outcome.RENEWED : Outcome.ACQUIRED;
        }
        return held != null ? Outcome.LOST : Outcome.STANDBY;
    }

    /**
     * In the caller's transaction: true when this instance's token is still the lease's, and then the lease row stays
     * locked until the caller commits, so no takeover slips in between this check and the caller's writes.
     */
    public boolean fence() {
        Long held = token;
        return held != null && Panache.getEntityManager()
                .createNativeQuery("update relay_lease set holder = holder where name = ?1 and holder = ?2 and token = ?3")
                .setParameter(1, name).setParameter(2, holder).setParameter(3, held)
                .executeUpdate() == 1;
    }

    /** Forgets the lease after a refused fence: this instance stands by until it takes the lease again. */
    public synchronized void lost() {
        token = null;
        heldUntil = Instant.MIN;
    }

    /** Gives the lease up (shutdown), so another instance takes over at its next heartbeat instead of after the lease. */
    public synchronized void release() {
        Long held = token;
        lost();
        if (held != null) {
            QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                    .createNativeQuery("update relay_lease set holder = null, lease_until = null "
                            + "where name = ?1 and holder = ?2 and token = ?3")
                    .setParameter(1, name).setParameter(2, holder).setParameter(3, held)
                    .executeUpdate());
        }
    }
}
