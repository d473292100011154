package io.gatehouse.connector.domain;

import static io.gatehouse.connector.domain.ConnectorState.ACTIVATING;
import static io.gatehouse.connector.domain.ConnectorState.ACTIVE;
import static io.gatehouse.connector.domain.ConnectorState.BROKEN;
import static io.gatehouse.connector.domain.ConnectorState.CARD_ISSUED;
import static io.gatehouse.connector.domain.ConnectorState.CREATED;
import static io.gatehouse.connector.domain.ConnectorState.FAILED;
import static io.gatehouse.connector.domain.ConnectorState.PENDING;
import static io.gatehouse.connector.domain.ConnectorState.REACTIVATING;

import io.gatehouse.events.ConnectCardIssued;
import io.gatehouse.events.ConnectorActivated;
import io.gatehouse.events.ConnectorInterrupted;
import io.gatehouse.events.ConnectorRecovered;
import io.gatehouse.events.FailureStage;
import io.gatehouse.events.OnboardingFailed;
import io.gatehouse.events.TableAdded;
import io.gatehouse.messaging.persistence.Columns;
import io.gatehouse.retry.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The state machine of a connector request: which state accepts which event (from the onboarding and Fivetran
 * topics) or worker result (after a Fivetran call), where the request goes, whether work becomes due and what is
 * published with the change.
 *
 * <p>Events apply to whatever state the request is in. A worker result applies only while the request is still in
 * the state the worker claimed it in: an event that changed it meanwhile wins, and its work is done next.
 */
public final class ConnectorLifecycle {

    /** A reissue makes sense while the owner has not completed setup and a connection is known. */
    private static final Set<ConnectorState> REISSUE_FROM = EnumSet.of(CREATED, CARD_ISSUED);
    /** The owner may come back before our ConnectCardIssued was even published (the card came from Fivetran). */
    private static final Set<ConnectorState> SETUP_FROM = EnumSet.of(PENDING, CREATED, CARD_ISSUED);
    /** Set up by the owner: syncs count (a successful one also heals a broken connection). */
    private static final Set<ConnectorState> SET_UP = EnumSet.of(ACTIVATING, ACTIVE, BROKEN, REACTIVATING);
    /** Polled for a missed sync_end: an active connection, and a broken one (a successful sync heals it). */
    private static final Set<ConnectorState> POLLED = EnumSet.of(ACTIVE, BROKEN);
    /** Polled for a setup the owner finished without coming back through the redirect (no SetupCompleted). */
    private static final Set<ConnectorState> SETUP_POLLED = EnumSet.of(CARD_ISSUED);
    /** Fivetran's {@code setup_state} of a connection whose owner finished the Connect Card. */
    public static final String CONNECTED = "connected";
    /** The note of a setup the poll confirmed: how an ACTIVATING request got there without a SetupCompleted. */
    public static final String SETUP_CONFIRMED_BY_POLL = "setup confirmed by polling";
    /** The refusal of a setup poll that found the connection not connected ({@code setup_state <state>} follows). */
    public static final String SETUP_NOT_CONNECTED = "setup not connected";
    /** The refusal of a poll that found no success newer than the last one seen. */
    public static final String NO_NEWER_SUCCESS = "no newer success";
    /** The worker issues a card when it created or adopted the connection, or for a reissue. */
    private static final Set<ConnectorState> CARD_FROM = EnumSet.of(PENDING, CREATED);

    private final Duration cardTtl;
    private final int maxAttempts;
    private final Backoff backoff;

    /**
     * @param cardTtl how long a Connect Card is valid (its published expiry)
     * @param maxAttempts transient failures in a row after which a request fails for good
     * @param backoff when a transiently failed request is tried again
     */
    public ConnectorLifecycle(Duration cardTtl, int maxAttempts, Backoff backoff) {
        this.cardTtl = cardTtl;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    // ---- events ------------------------------------------------------------------------------------------------

    /** ConnectorRequested: a new request becomes PENDING work; a known one (any redelivery) changes nothing. */
    public Transition register(Optional<RequestProgress> known, String requestId, Instant now) {
        return known.map(progress -> Transition.refused(progress, "already registered"))
                .orElseGet(() -> Transition.to(RequestProgress.registered(requestId, now)));
    }

    /** ConnectCardRequested: a fresh card for the known connection. */
    public Transition reissueCard(RequestProgress current, Instant now) {
        if (!REISSUE_FROM.contains(current.state())) {
            return refusedIn(current);
        }
        return Transition.to(current.in(CREATED).dueNow(now));
    }

    /** SetupCompleted: the owner is through the card; the connection is to be unpaused. */
    public Transition setupCompleted(RequestProgress current, String connectionId, Instant now) {
        if (!SETUP_FROM.contains(current.state())) {
            return refusedIn(current);
        }
        return Transition.to(current.withConnection(connectionId).in(ACTIVATING).dueNow(now));
    }

    /**
     * A successful SyncCompleted: once set up, every sync asks for the tables (announced after activation). In BROKEN
     * it proves the connection works again: back to ACTIVE (ConnectorRecovered, signal {@code sync_end}), and what
     * landed meanwhile is announced. In REACTIVATING the tables are due and the reactivation still finishes.
     */
    public Transition syncSucceeded(RequestProgress current, Instant now) {
        return succeeded(current, now, RecoverySignal.SYNC_END);
    }

    /**
     * A poll read the connection from Fivetran: {@code succeededAt} is its last success (empty: none yet),
     * {@code lastSeen} the latest success the service has seen (a poll's or a SyncCompleted's; empty: none). A newer
     * success is a sync_end that never arrived, handled exactly as a successful SyncCompleted: tables due, BROKEN back
     * to ACTIVE. Only ACTIVE and BROKEN are polled; before activation the unpause is still owed, and its result makes
     * the tables due anyway.
     */
    public Transition syncSeenByPoll(RequestProgress current, Optional<Instant> succeededAt, Optional<Instant> lastSeen,
            Instant now) {
        if (!POLLED.contains(current.state())) {
            return refusedIn(current);
        }
        boolean newer = succeededAt.isPresent()
                && (lastSeen.isEmpty() || succeededAt.get().isAfter(lastSeen.get()));
        if (!newer) {
            return Transition.refused(current, NO_NEWER_SUCCESS);
        }
        return succeeded(current, now, RecoverySignal.POLL);
    }

    /**
     * A setup poll read the connection of a CARD_ISSUED request: {@code setupState} is Fivetran's {@code setup_state}.
     * Connected means the owner finished the Connect Card but the SetupCompleted of the return page never came (Fivetran
     * failed when the page asked, or the tab was closed): handled exactly as that SetupCompleted, ACTIVATING and the
     * unpause due now, noted {@link #SETUP_CONFIRMED_BY_POLL}. A SetupCompleted that comes later is refused by
     * ACTIVATING or ACTIVE, so nothing happens twice. Anything but connected (incomplete, broken, unknown) is the owner
     * still at it: refused, nothing changes. Only CARD_ISSUED is polled for its setup; elsewhere the request has moved
     * on (a reissue in flight is polled again once its card is issued).
     */
    public Transition setupSeenByPoll(RequestProgress current, String setupState, Instant now) {
        if (!SETUP_POLLED.contains(current.state())) {
            return refusedIn(current);
        }
        if (!CONNECTED.equals(setupState)) {
            return Transition.refused(current, SETUP_NOT_CONNECTED + " (setup_state "
                    + (setupState == null ? "unknown" : setupState) + ")");
        }
        return Transition.noted(current.in(ACTIVATING).dueNow(now), SETUP_CONFIRMED_BY_POLL);
    }

    /**
     * ConnectorHealthy (Fivetran's {@code connection_successful}): the setup tests pass again, so a BROKEN request is
     * ACTIVE again and its schema is read (what landed meanwhile is announced). Any other state has nothing to heal.
     */
    public Transition healthy(RequestProgress current, Instant now) {
        if (current.state() != BROKEN) {
            return refusedIn(current);
        }
        return recovered(current.withTablesDue(true).in(ACTIVE).dueNow(now), RecoverySignal.CONNECTION_SUCCESSFUL);
    }

    /**
     * ReactivationRequested: an operator asks for a BROKEN request, or a FAILED one whose connection is known, to be
     * brought back. The worker reads the connection from Fivetran; nothing else accepts it (a FAILED request without a
     * connection has nothing to bring back: it needs a new onboarding).
     */
    public Transition reactivationRequested(RequestProgress current, Instant now) {
        if (current.state() == FAILED && current.connectionId() == null) {
            return Transition.refused(current, "FAILED without a connection");
        }
        if (current.state() != BROKEN && current.state() != FAILED) {
            return refusedIn(current);
        }
        return Transition.to(current.reactivating().dueNow(now));
    }

    /** Whether a request in {@code state} has its connection polled for a missed sync_end. */
    public static boolean polled(ConnectorState state) {
        return POLLED.contains(state);
    }

    /** Whether a request in {@code state} has its connection polled for a finished setup nobody reported. */
    public static boolean setupPolled(ConnectorState state) {
        return SETUP_POLLED.contains(state);
    }

    /**
     * ConnectorBroken never fails an onboarding: a broken connection may heal. An ACTIVE request waits in BROKEN (any
     * schema read still owed stays owed) until a successful sync, Fivetran's {@code connection_successful} or an
     * operator's reactivation; ConnectorInterrupted tells the onboarding timeline, once per break (not OnboardingFailed,
     * which the onboarding-service treats as final). Before activation the break is only kept as the last error: before
     * setup it is the owner still typing in the Connect Card, and in ACTIVATING the unpause is still owed and must
     * happen for the connection to sync at all. In REACTIVATING the reactivation's own read of the connection decides.
     */
    public Transition broken(RequestProgress current, String fivetranEvent, String reason) {
        if (current.state() == FAILED) {
            return refusedIn(current);
        }
        RequestProgress noted = current.noting(fivetranEvent + ": " + reason);
        if (current.state() != ACTIVE && current.state() != BROKEN) {
            return Transition.to(noted);
        }
        // Nothing is due while broken; a claim in flight finds the state changed and leaves its result to the recovery.
        RequestProgress next = noted.in(BROKEN).waiting();
        if (current.state() == BROKEN) {
            return Transition.to(next);
        }
        return Transition.to(next, List.of(new ConnectorInterrupted(next.requestId(), next.connectionId(),
                next.lastError())));
    }

    // ---- worker results ----------------------------------------------------------------------------------------

    /**
     * The worker holds a card for the connection it created, adopted or already knew; ConnectCardIssued carries it and
     * {@code ownerLink}, Gatehouse's own link for the owner (it outlives the card). The connection is recorded even
     * when the result is refused: it exists in Fivetran and must never be created again.
     */
    public Transition cardIssued(RequestProgress current, Claim claim, String connectionId, String cardUri,
            String ownerLink, Instant now) {
        RequestProgress known = current.withConnection(connectionId);
        if (!CARD_FROM.contains(claim.state()) || current.state() != claim.state()) {
            return refusedSince(known, claim);
        }
        Instant expiresAt = now.plus(cardTtl);
        RequestProgress next = known.in(CARD_ISSUED).withCard(cardUri, expiresAt).workDone(now);
        return Transition.to(next, List.of(new ConnectCardIssued(next.requestId(), connectionId, cardUri, expiresAt,
                ownerLink)));
    }

    /** The connection is unpaused. A sync that arrived meanwhile leaves the tables due at once. */
    public Transition activated(RequestProgress current, Instant now) {
        if (current.state() != ACTIVATING) {
            return refusedIn(current);
        }
        RequestProgress next = current.in(ACTIVE).workDone(now);
        return Transition.to(next, List.of(new ConnectorActivated(next.requestId(), next.connectionId())));
    }

    /**
     * The reactivation found the connection connected (and unpaused it if it was paused): ACTIVE again, the schema is
     * read at once (what landed meanwhile is announced), ConnectorRecovered with signal {@code reactivation}.
     */
    public Transition reactivated(RequestProgress current, Instant now) {
        if (current.state() != REACTIVATING) {
            return refusedIn(current);
        }
        return recovered(current.in(ACTIVE).withTablesDue(true).workDone(now), RecoverySignal.REACTIVATION);
    }

    /**
     * The reactivation found the connection not connected ({@code setupState} as Fivetran reports it): the request
     * waits in BROKEN with that as its last error. ConnectorInterrupted tells the timeline, unless the request was BROKEN
     * already (that break was told).
     */
    public Transition stillDisconnected(RequestProgress current, String setupState) {
        if (current.state() != REACTIVATING) {
            return refusedIn(current);
        }
        RequestProgress next = current.in(BROKEN).settled("setup_state " + (setupState == null ? "unknown" : setupState));
        if (current.reactivatingFrom() == BROKEN) {
            return Transition.to(next);
        }
        return Transition.to(next, List.of(new ConnectorInterrupted(next.requestId(), next.connectionId(),
                next.lastError())));
    }

    /**
     * The tables of the schema config: a TableAdded for each one {@code firstAnnouncement} accepts (it records the
     * announcement), in order. Applies whatever the state, as it always has. The tables are no longer due only if
     * nothing touched the row since the claim: a sync recorded while the schema was read may have landed tables this
     * read did not see, so the request stays due (at once when ACTIVE) and the schema is read again.
     */
    public Transition tablesFound(RequestProgress current, Claim claim, List<TableAdded> landed,
            Predicate<TableAdded> firstAnnouncement, Instant now) {
        List<TableAdded> announced = new ArrayList<>();
        for (TableAdded table : landed) {
            if (firstAnnouncement.test(table)) {
                announced.add(table);
            }
        }
        boolean untouched = current.version() == claim.version();
        RequestProgress next = untouched ? current.withTablesDue(false) : current;
        return Transition.to(next.workDone(now), announced);
    }

    /**
     * A transient failure: back off this request only (at least as long as Fivetran's Retry-After), and give up after
     * the configured number of attempts, except in REACTIVATING: a reactivation never fails the request, it is tried
     * for as long as Fivetran stays away. Only while nothing touched the row since the claim: an event gave it new
     * work meanwhile, which is due already.
     */
    public Transition retryLater(RequestProgress current, Claim claim, String error, Optional<Duration> retryAfter,
            Instant now) {
        if (current.state() != claim.state() || current.version() != claim.version()) {
            return refusedSince(current, claim);
        }
        int attempts = current.attempts() + 1;
        if (attempts >= maxAttempts && claim.state() != REACTIVATING) {
            return fail(current, attempts, claim.state().failureStage(), null,
                    "gave up after " + attempts + " attempts; last error: " + error);
        }
        return Transition.to(current.retryAt(now.plus(backoff.delay(attempts, retryAfter)), error));
    }

    /**
     * Fivetran refused Gatehouse's own API key (401/403) while the schema was read: the request is not at fault and the
     * key can be fixed, so the read is retried with back-off (capped) for as long as it takes, and never gives up.
     * Only while nothing touched the row since the claim, like {@link #retryLater}.
     */
    public Transition credentialsRefused(RequestProgress current, Claim claim, String error, Instant now) {
        if (current.state() != claim.state() || current.version() != claim.version()) {
            return refusedSince(current, claim);
        }
        int attempts = current.attempts() + 1;
        return Transition.to(current.retryAt(now.plus(backoff.delay(attempts, Optional.empty())), error));
    }

    /**
     * Fivetran refused for good: the onboarding fails at the stage of the claimed work, with Fivetran's words. A
     * refused reactivation changes nothing but the last error: the request goes back to where it was (BROKEN or
     * FAILED), nothing is published.
     */
    public Transition failed(RequestProgress current, Claim claim, String code, String reason) {
        if (current.state() != claim.state() || current.state() == FAILED) {
            return refusedSince(current, claim);
        }
        if (current.state() == REACTIVATING) {
            ConnectorState back = current.reactivatingFrom() == null ? BROKEN : current.reactivatingFrom();
            return Transition.to(current.in(back).settled("reactivation refused by Fivetran: "
                    + (code == null ? "" : code + ": ") + reason));
        }
        return fail(current, current.attempts(), claim.state().failureStage(), code, reason);
    }

    /** A successful sync however learnt; in BROKEN it is a recovery by {@code signal}. */
    private static Transition succeeded(RequestProgress current, Instant now, RecoverySignal signal) {
        if (!SET_UP.contains(current.state())) {
            return refusedIn(current);
        }
        RequestProgress due = current.withTablesDue(true);
        if (current.state() != BROKEN) {
            return Transition.to(due.dueNow(now));
        }
        return recovered(due.in(ACTIVE).dueNow(now), signal);
    }

    private static Transition recovered(RequestProgress next, RecoverySignal signal) {
        return Transition.to(next, List.of(new ConnectorRecovered(next.requestId(), next.connectionId(),
                signal.wire())));
    }

    private static Transition fail(RequestProgress current, int attempts, FailureStage stage, String code,
            String reason) {
        RequestProgress next = current.failed(attempts, reason);
        String published = reason == null || reason.isBlank() ? "no reason given" : Columns.error(reason);
        return Transition.to(next, List.of(new OnboardingFailed(next.requestId(), next.connectionId(), stage, code,
                published)));
    }

    private static Transition refusedIn(RequestProgress current) {
        return Transition.refused(current, current.state().name());
    }

    private static Transition refusedSince(RequestProgress current, Claim claim) {
        return Transition.refused(current, "claimed in " + claim.state() + " (version " + claim.version()
                + "), now " + current.state() + " (version " + current.version() + ")");
    }
}
