package io.gatehouse.messaging.work;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps alive the leases of the claims this instance holds on rows of a work table (apply jobs, connector steps) while
 * their work runs: every quarter of the lease, each held claim is renewed in a transaction of its own.
 *
 * <p>Why renewed rather than one lease longer than any piece of work: work that calls Snowflake or Fivetran has no small
 * fixed bound, and a lease long enough for the worst case would also be how long a dead instance's rows wait. Renewed,
 * the lease only has to outlast a few missed renewals. A renewal that finds the claim gone (another instance took the row
 * over after the lease ran out unrenewed) reports it lost, so the holder stops before its next call; the database still
 * decides, by fencing every result write with the claim's token. A renewal that fails (our database away) is only
 * logged: the claim runs out by itself if that goes on, and its holder notices by the lease it last wrote.
 *
 * @param <C> what the owning service knows of one claim, keyed here by the claim's token
 */
public final class LeaseRenewals<C> implements AutoCloseable {

    /** How one kind of claim is renewed. */
    public interface Renewal<C> {
        /** Whether to renew it now; false lets its lease run out (lost already, or past its work's budget). */
        default boolean wanted(C claim) {
            return true;
        }

        /** Extends the claim's lease to {@code until} (a transaction is open); false when it is no longer ours. */
        boolean renew(C claim, Instant until);

        /** The database now holds the claim for this instance until {@code until}. */
        default void renewed(C claim, Instant until) {
        }

        /** Another instance holds the row now: the holder must stop and drop its results. */
        void lost(C claim);
    }

    private final Duration lease;
    private final Renewal<C> renewal;
    private final Map<String, C> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewals;

    public LeaseRenewals(String name, Duration lease, Renewal<C> renewal) {
        this.lease = lease;
        this.renewal = renewal;
        this.renewals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name + "-lease-renewal");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, lease.toMillis() / 4);
        renewals.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** A full lease from now: what a claim or a renewal writes. */
    public Instant nextLease() {
        return Instant.now().plus(lease);
    }

    /** Renews the claim from now on, until {@link #release}. */
    public void hold(String token, C claim) {
        held.put(token, claim);
    }

    /** The claim held under this token, if it is still renewed. */
    public Optional<C> get(String token) {
        return Optional.ofNullable(held.get(token));
    }

    /** No longer renewed: its work is over (recorded, or dropped and left to lapse). */
    public void release(String token) {
        held.remove(token);
    }

    @Override
    public void close() {
        renewals.shutdownNow();
    }

    private void renewAll() {
        held.forEach((token, claim) -> {
            if (!renewal.wanted(claim)) {
                return;
            }
            try {
                Instant until = nextLease();
                if (QuarkusTransaction.requiringNew().call(() -> renewal.renew(claim, until))) {
                    renewal.renewed(claim, until);
                } else if (held.containsKey(token)) {
                    // not a claim that ended while this renewal ran: another instance has it
                    renewal.lost(claim);
                }
            } catch (RuntimeException e) {
                Log.warnf("%s: lease not renewed: %s", claim, e);
            }
        });
    }
}
