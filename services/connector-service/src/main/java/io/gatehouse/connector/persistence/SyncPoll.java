package io.gatehouse.connector.persistence;

import io.gatehouse.connector.domain.ConnectorState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The poll of one request's connection: for a setup the owner finished that nobody reported (CARD_ISSUED), and for a
 * missed {@code sync_end} (ACTIVE, BROKEN): the last success seen and the poll schedule.
 * Written only through the single statements below (never as a loaded, modified entity), so concurrent writers never
 * overwrite each other's columns and the request row's version is left to the lifecycle.
 */
@Entity
@Table(name = "sync_poll")
public class SyncPoll extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "last_success_at")
    public Instant lastSuccessAt;
    @Column(name = "next_poll_at")
    public Instant nextPollAt;
    @Column(name = "polled_at")
    public Instant polledAt;

    /** A new request: nothing seen, not polled until it is activated. */
    public static void register(String requestId) {
        SyncPoll poll = new SyncPoll();
        poll.requestId = requestId;
        poll.persist();
    }

    /** Up to {@code limit} polls due at {@code now} of requests in {@code states}, longest waiting first. */
    public static List<PollItem> due(Instant now, List<ConnectorState> states, int limit) {
        return getEntityManager().createQuery("select new " + PollItem.class.getName() + "(p.requestId, r.connectionId, r.state)"
                        + " from SyncPoll p, ConnectorRequest r where r.requestId = p.requestId and r.state in :states"
                        + " and r.connectionId is not null and p.nextPollAt <= :now order by p.nextPollAt", PollItem.class)
                .setParameter("states", states).setParameter("now", now).setMaxResults(limit).getResultList();
    }

    /**
     * Takes the poll until {@code until} if it is still due: the condition is checked again by the update itself, so of
     * two pollers (here or in another instance) only one gets the row.
     */
    public static boolean claim(String requestId, Instant now, Instant until) {
        return update("nextPollAt = :until where requestId = :id and nextPollAt <= :now",
                Parameters.with("until", until).and("id", requestId).and("now", now)) == 1;
    }

    /**
     * The fence of a poll's result: true while the poll still holds its claim (the row still shows the lease the claim
     * wrote), and then locked until the recording transaction ends. False when another poller re-claimed it after the
     * lease ran out, or polling was stopped meanwhile (the setup was reported): the poll's result is dropped.
     */
    public static boolean fence(PollItem item) {
        return update("nextPollAt = nextPollAt where requestId = :id and nextPollAt = :until",
                Parameters.with("id", item.requestId()).and("until", item.claimedUntil())) == 1;
    }

    /**
     * Schedules the first poll of a request that has none (it just entered CARD_ISSUED, or became ACTIVE); a request
     * enrolled already keeps its schedule (a reissued card does not push the setup poll back).
     */
    public static void scheduleFirst(String requestId, Instant at) {
        update("nextPollAt = :at where requestId = :id and nextPollAt is null",
                Parameters.with("at", at).and("id", requestId));
    }

    /** Ends the polling of a request (its setup is done: it is ACTIVATING); becoming ACTIVE schedules it anew. */
    public static void stop(String requestId) {
        update("nextPollAt = null where requestId = :id", Parameters.with("id", requestId));
    }

    /**
     * The poll ran (or failed): the next one is due at {@code next}, unless polling was stopped meanwhile (the setup
     * was reported while the poll ran); {@code polledAt} only when Fivetran answered.
     */
    public static void reschedule(String requestId, Instant next, Optional<Instant> polledAt) {
        update("nextPollAt = :next where requestId = :id and nextPollAt is not null",
                Parameters.with("next", next).and("id", requestId));
        polledAt.ifPresent(at -> update("polledAt = :polled where requestId = :id",
                Parameters.with("polled", at).and("id", requestId)));
    }

    /** Records a success seen at {@code at}; the time only moves forward (a late or replayed event never moves it back). */
    public static void sawSuccess(String requestId, Instant seen) {
        // as the column keeps it, so a later comparison with a value read back is exact
        Instant at = seen.truncatedTo(ChronoUnit.MICROS);
        update("lastSuccessAt = :at where requestId = :id and (lastSuccessAt is null or lastSuccessAt < :at)",
                Parameters.with("at", at).and("id", requestId));
    }

    /** The latest success seen for the request, read from the database (not from this session's cache). */
    public static Optional<Instant> lastSuccess(String requestId) {
        return getEntityManager().createQuery("select p.lastSuccessAt from SyncPoll p where p.requestId = :id",
                        Instant.class).setParameter("id", requestId).getResultStream().filter(Objects::nonNull)
                .findFirst();
    }
}
