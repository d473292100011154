package io.gatehouse.connector.service;

import io.gatehouse.connector.config.ConnectorConfig;
import io.gatehouse.connector.domain.ConnectorLifecycle;
import io.gatehouse.connector.domain.ConnectorState;
import io.gatehouse.connector.domain.LandedTable;
import io.gatehouse.connector.domain.Transition;
import io.gatehouse.connector.persistence.AnnouncedTables;
import io.gatehouse.connector.persistence.ConnectorRequest;
import io.gatehouse.connector.persistence.PollItem;
import io.gatehouse.connector.persistence.SyncPoll;
import io.gatehouse.connector.persistence.WorkItem;
import io.gatehouse.events.ConnectorInterrupted;
import io.gatehouse.events.ConnectorRecovered;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.TableAdded;
import io.gatehouse.messaging.outbox.Outbox;
import io.gatehouse.retry.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The use cases of a connector request: load the row, let {@link ConnectorLifecycle} decide, record the decision
 * and publish its events through the outbox, all in one transaction. Events arrive inside the inbox's transaction;
 * worker results each get their own.
 */
@ApplicationScoped
public class ConnectorRequests {

    /** The states whose connection is polled (for its setup or its syncs), as the poll query takes them. */
    private static final List<ConnectorState> POLLED = Arrays.stream(ConnectorState.values())
            .filter(state -> ConnectorLifecycle.polled(state) || ConnectorLifecycle.setupPolled(state)).toList();

    private final Outbox outbox;
    private final EntityManager em;
    private final ConnectorConfig config;
    private final ConnectorLifecycle lifecycle;
    private final Event<WorkQueued> queued;
    private final ClaimKeeper claims;
    /** Requests entering BROKEN and leaving it (as ConnectorInterrupted and ConnectorRecovered tell the timeline). */
    private final Counter broke;
    private final Counter recovered;

    ConnectorRequests(Outbox outbox, EntityManager em, ConnectorConfig config, Event<WorkQueued> queued,
            ClaimKeeper claims, MeterRegistry registry) {
        this.outbox = outbox;
        this.em = em;
        this.config = config;
        this.queued = queued;
        this.claims = claims;
        this.broke = registry.counter("gatehouse.connector.connections", "change", "broken");
        this.recovered = registry.counter("gatehouse.connector.connections", "change", "recovered");
        this.lifecycle = new ConnectorLifecycle(config.cardTtl(), config.worker().maxAttempts(),
                new Backoff(config.worker().initialBackoff(), config.worker().maxBackoff()));
    }

    // ---- from events (called inside the receiver's transaction) ---------------------------------------------

    @Transactional
    public void register(ConnectorRequested requested) {
        Optional<ConnectorRequest> known = ConnectorRequest.findByIdOptional(requested.requestId());
        Instant now = now();
        Transition transition = lifecycle.register(known.map(ConnectorRequest::progress), requested.requestId(), now);
        if (!transition.accepted()) {
            Log.infof("request %s already registered; nothing to do", requested.requestId());
            return;
        }
        ConnectorRequest row = new ConnectorRequest();
        row.requestId = requested.requestId();
        row.service = requested.service();
        row.groupId = requested.groupId();
        row.schemaName = requested.schemaName();
        row.config = new LinkedHashMap<>(requested.config());
        row.tableGroup = requested.tableGroup();
        row.businesses = new ArrayList<>(requested.businesses());
        row.createdAt = now;
        apply(row, transition, now);
        row.persist();
        SyncPoll.register(row.requestId);
        wakeWorkerIfDue(transition, now);
    }

    @Transactional
    public void reissueCard(String requestId) {
        onEvent(requestId, "no Connect Card reissued for %s (%s)",
                (row, now) -> lifecycle.reissueCard(row.progress(), now));
    }

    @Transactional
    public void setupCompleted(String requestId, String connectionId) {
        onEvent(requestId, "SetupCompleted for %s ignored (%s)",
                (row, now) -> lifecycle.setupCompleted(row.progress(), connectionId, now));
    }

    /**
     * A successful SyncCompleted. SyncCompleted carries no time of the sync, so {@code publishedAt} (its CloudEvents
     * time: the webhook-receiver published it after Fivetran's sync_end, so after the sync's success) is recorded as
     * the last success seen: the schema read this makes due covers every sync that succeeded before it, and the poll
     * acts only on a later one.
     */
    @Transactional
    public void syncSucceeded(String connectionId, Instant publishedAt) {
        Optional<ConnectorRequest> found = ConnectorRequest.byConnection(connectionId);
        if (found.isEmpty()) {
            Log.infof("sync of %s ignored (unknown connection)", connectionId);
            return;
        }
        Instant now = now();
        Transition transition = lifecycle.syncSucceeded(found.get().progress(), now);
        transition.refusal().ifPresent(state -> Log.infof("sync of %s ignored (%s)", connectionId, state));
        applySync(found.get(), transition, now, "synced");
        if (transition.accepted()) {
            SyncPoll.sawSuccess(found.get().requestId, publishedAt);
        }
    }

    @Transactional
    public void broken(String connectionId, String fivetranEvent, String reason) {
        Optional<ConnectorRequest> found = ConnectorRequest.byConnection(connectionId);
        if (found.isEmpty()) {
            return;
        }
        apply(found.get(), lifecycle.broken(found.get().progress(), fivetranEvent, reason), now());
    }

    /** ConnectorHealthy: Fivetran's setup tests pass again; a BROKEN request recovers, any other ignores it. */
    @Transactional
    public void healthy(String connectionId) {
        Optional<ConnectorRequest> found = ConnectorRequest.byConnection(connectionId);
        if (found.isEmpty()) {
            Log.infof("connection_successful of %s ignored (unknown connection)", connectionId);
            return;
        }
        Instant now = now();
        Transition transition = lifecycle.healthy(found.get().progress(), now);
        transition.refusal().ifPresent(state -> Log.infof("connection_successful of %s ignored (%s)", connectionId,
                state));
        apply(found.get(), transition, now);
        wakeWorkerIfDue(transition, now);
    }

    /** ReactivationRequested: an operator asks for a BROKEN or FAILED request's connection to be brought back. */
    @Transactional
    public void reactivationRequested(String requestId, String reason) {
        Log.infof("reactivation of %s requested%s", requestId, reason == null ? "" : " (" + reason + ")");
        onEvent(requestId, "ReactivationRequested for %s refused (%s)",
                (row, now) -> lifecycle.reactivationRequested(row.progress(), now));
    }

    // ---- from the sync poller ------------------------------------------------------------------------------

    /** Claims up to {@code limit} polls due now by moving each a lease ahead; a row another poller took is skipped. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<PollItem> claimPolls(int limit, Duration lease) {
        Instant now = now();
        Instant until = now.plus(lease);
        return SyncPoll.due(now, POLLED, limit).stream()
                .filter(item -> SyncPoll.claim(item.requestId(), now, until))
                .map(item -> item.claimedUntil(until))
                .toList();
    }

    /**
     * What a poll read from Fivetran: its last success, if any. A success newer than the last one seen is handled as a
     * SyncCompleted (the lifecycle decides) and recorded; the next poll is one interval ahead either way.
     *
     * @return true when the poll found a new success the lifecycle accepted
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean syncPolled(PollItem item, Optional<Instant> succeededAt) {
        fence(item);
        ConnectorRequest row = current(item.requestId());
        Instant now = now();
        Optional<Instant> lastSeen = SyncPoll.lastSuccess(item.requestId());
        Transition transition = lifecycle.syncSeenByPoll(row.progress(), succeededAt, lastSeen, now);
        transition.refusal().ifPresent(why -> Log.debugf("poll of %s: nothing to do (%s)", item.connectionId(), why));
        if (transition.accepted()) {
            Log.infof("poll of connection %s (request %s): a sync succeeded at %s that no SyncCompleted reported "
                    + "(last seen: %s)", item.connectionId(), item.requestId(), succeededAt.orElseThrow(),
                    lastSeen.map(Instant::toString).orElse("none"));
        }
        applySync(row, transition, now, "synced (seen by a poll)");
        if (transition.accepted()) {
            SyncPoll.sawSuccess(item.requestId(), succeededAt.orElseThrow());
        }
        SyncPoll.reschedule(item.requestId(), now.plus(pollInterval(row.state)), Optional.of(now));
        return transition.accepted();
    }

    /**
     * What a setup poll read from Fivetran: the connection's {@code setup_state}. Connected, the request is handled as
     * if the return page's SetupCompleted had come (the lifecycle decides; the unpause is due at once) and its polling
     * stops until it is ACTIVE; otherwise nothing changes and the setup is polled again one setup interval later.
     *
     * @return true when the poll confirmed the setup and the lifecycle accepted it
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean setupPolled(PollItem item, String setupState) {
        fence(item);
        ConnectorRequest row = current(item.requestId());
        Instant now = now();
        Transition transition = lifecycle.setupSeenByPoll(row.progress(), setupState, now);
        transition.refusal().ifPresent(why -> Log.debugf("setup poll of %s: nothing to do (%s)", item.connectionId(),
                why));
        apply(row, transition, now);
        wakeWorkerIfDue(transition, now);
        SyncPoll.reschedule(item.requestId(), now.plus(pollInterval(row.state)), Optional.of(now));
        return transition.accepted();
    }

    /** Fivetran could not be read: the connection is polled again one interval later; the request is untouched. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void pollFailed(PollItem item) {
        fence(item);
        ConnectorState state = ConnectorRequest.<ConnectorRequest>findByIdOptional(item.requestId())
                .map(row -> row.state).orElse(item.state());
        SyncPoll.reschedule(item.requestId(), now().plus(pollInterval(state)), Optional.empty());
    }

    /** First step of a poll's result write: nothing is written once another poller holds the row (SyncPoll#fence). */
    private static void fence(PollItem item) {
        if (!SyncPoll.fence(item)) {
            throw new ClaimKeeper.ClaimLost(item.requestId());
        }
    }

        /** How long until a request in {@code state} is polled again: its setup more often than its syncs. */
    private Duration pollInterval(ConnectorState state) {
        return ConnectorLifecycle.setupPolled(state) ? config.poll().setupInterval() : config.poll().interval();
    }

    // ---- from the worker ------------------------------------------------------------------------------------

    /** The request that already holds a connection, if any. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<String> holderOf(String connectionId) {
        return ConnectorRequest.byConnection(connectionId).map(r -> r.requestId);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void cardIssued(WorkItem item, String connectionId, String cardUri, String ownerLink) {
        onResult(item, (row, now) -> lifecycle.cardIssued(row.progress(), item.claim(), connectionId, cardUri,
                ownerLink, now));
    }

    /** The reactivation found the connection connected (and unpaused it). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void reactivated(WorkItem item) {
        onResult(item, (row, now) -> lifecycle.reactivated(row.progress(), now));
    }

    /** The reactivation found the connection not connected: the request waits in BROKEN. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void stillDisconnected(WorkItem item, String setupState) {
        onResult(item, (row, now) -> lifecycle.stillDisconnected(row.progress(), setupState));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void activated(WorkItem item) {
        onResult(item, (row, now) -> lifecycle.activated(row.progress(), now));
    }

    /** Publishes TableAdded for each table not announced before; returns how many were new. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int tablesFound(WorkItem item, List<LandedTable> tables) {
        claims.fence(item);
        ConnectorRequest row = current(item);
        Instant now = now();
        List<String> businesses = List.copyOf(row.businesses);
        List<TableAdded> landed = tables.stream().map(table -> new TableAdded(config.destinationDatabase(),
                table.schema(), table.table(), row.tableGroup, businesses, row.connectionId, row.requestId)).toList();
        Transition transition = lifecycle.tablesFound(row.progress(), item.claim(), landed,
                added -> AnnouncedTables.firstTime(em, row.requestId, added.streamKey(), now), now);
        apply(row, transition, now);
        return transition.publish().size();
    }

    /** A retryable failure: back off this request only; give up after the configured number of attempts. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void retryLater(WorkItem item, String error, Optional<Duration> retryAfter) {
        onResult(item, (row, now) -> lifecycle.retryLater(row.progress(), item.claim(), error, retryAfter, now));
    }

    /** Fivetran refused our API key while the schema was read: back off and try again, for as long as it takes. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void credentialsRefused(WorkItem item, String error) {
        onResult(item, (row, now) -> lifecycle.credentialsRefused(row.progress(), item.claim(), error, now));
    }

    /** Fivetran refused for good. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(WorkItem item, String code, String reason) {
        onResult(item, (row, now) -> lifecycle.failed(row.progress(), item.claim(), code, reason));
    }

    /** A successful sync, however it was learnt: applies, wakes the worker for the schema read. */
    private void applySync(ConnectorRequest row, Transition transition, Instant now, String how) {
        if (transition.accepted()) {
            Log.debugf("connection %s of request %s %s", row.connectionId, row.requestId, how);
        }
        apply(row, transition, now);
        wakeWorkerIfDue(transition, now);
    }

    // ---- applying a decision --------------------------------------------------------------------------------

    /** What a use case asks the lifecycle about a loaded row. */
    @FunctionalInterface
    private interface Decision {
        Transition on(ConnectorRequest row, Instant now);
    }

    /** An event about a request by id; an unknown request or a refusal is logged with {@code ignored}. */
    private void onEvent(String requestId, String ignored, Decision decision) {
        Optional<ConnectorRequest> found = ConnectorRequest.findByIdOptional(requestId);
        if (found.isEmpty()) {
            Log.infof(ignored, requestId, "unknown");
            return;
        }
        Instant now = now();
        Transition transition = decision.on(found.get(), now);
        transition.refusal().ifPresent(state -> Log.infof(ignored, requestId, state));
        apply(found.get(), transition, now);
        wakeWorkerIfDue(transition, now);
    }

    /**
     * A worker result, fenced by its claim (nothing is written when another instance took the request over: ClaimLost);
     * one the lifecycle refuses (the request moved on since the claim) is dropped, and the claim ends either way.
     */
    private void onResult(WorkItem item, Decision decision) {
        claims.fence(item);
        ConnectorRequest row = current(item);
        Instant now = now();
        Transition transition = decision.on(row, now);
        transition.refusal().ifPresent(why -> Log.debugf("result for %s dropped: %s", item.requestId(), why));
        apply(row, transition, now);
    }

    /**
     * Records the decision and publishes its events; a break and a recovery are logged and counted as they are
     * published. Polling follows the state: a request entering CARD_ISSUED is enrolled for its setup poll one setup
     * interval ahead, one that has just become ACTIVE gets its first sync poll one interval ahead (both no-ops when it
     * is scheduled already, so a reissue keeps its setup poll), and ACTIVATING (the setup is done) stops it.
     */
    private void apply(ConnectorRequest row, Transition transition, Instant now) {
        row.record(transition.next());
        if (transition.accepted()) {
            row.updatedAt = now;
            transition.note().ifPresent(note -> Log.infof("request %s (connection %s): %s, now %s", row.requestId,
                    row.connectionId, note, row.state));
            transition.publish().forEach(event -> {
                if (event instanceof ConnectorInterrupted interrupted) {
                    Log.warnf("connection %s of request %s is broken (%s); waiting in BROKEN",
                            interrupted.connectionId(), interrupted.requestId(), interrupted.reason());
                    broke.increment();
                } else if (event instanceof ConnectorRecovered back) {
                    Log.infof("connection %s of request %s runs again (%s): ACTIVE", back.connectionId(),
                            back.requestId(), back.signal());
                    recovered.increment();
                }
                outbox.publish(event);
            });
            switch (transition.next().state()) {
                case CARD_ISSUED -> SyncPoll.scheduleFirst(row.requestId, now.plus(config.poll().setupInterval()));
                case ACTIVATING -> SyncPoll.stop(row.requestId);
                case ACTIVE -> SyncPoll.scheduleFirst(row.requestId, now.plus(config.poll().interval()));
                default -> { }
            }
        }
    }

    /**
     * An event that made work due wakes the worker once the transaction commits, instead of at its next tick. Worker
     * results do not: what they leave due is picked up by the worker's next round.
     */
    private void wakeWorkerIfDue(Transition transition, Instant now) {
        if (transition.accepted() && now.equals(transition.next().nextAttemptAt())) {
            queued.fire(new WorkQueued());
        }
    }

    private static ConnectorRequest current(WorkItem item) {
        return current(item.requestId());
    }

    private static ConnectorRequest current(String requestId) {
        return ConnectorRequest.<ConnectorRequest>findByIdOptional(requestId)
                .orElseThrow(() -> new IllegalStateException("request " + requestId + " vanished"));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
