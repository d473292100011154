package io.gatehouse.connector.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.connector.config.ConnectorConfig;
import io.gatehouse.connector.domain.Backoff;
import io.gatehouse.connector.domain.ConnectorState;
import io.gatehouse.events.ConnectCardIssued;
import io.gatehouse.events.ConnectorActivated;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.FailureStage;
import io.gatehouse.events.OnboardingFailed;
import io.gatehouse.events.TableAdded;
import io.gatehouse.messaging.outbox.Outbox;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every state change of a request, each in one transaction with the event it publishes (outbox). Results
 * of the worker apply only while the row is still in the state the worker claimed it in: whatever an event
 * changed meanwhile wins, and is worked on next.
 */
@ApplicationScoped
public class ConnectorRequests {

    private final Outbox outbox;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final ConnectorConfig config;
    private final Backoff backoff;
    private final Event<WorkQueued> queued;

    ConnectorRequests(Outbox outbox, EntityManager em, ObjectMapper mapper, ConnectorConfig config, Event<WorkQueued> queued) {
        this.outbox = outbox;
        this.em = em;
        this.mapper = mapper;
        this.config = config;
        this.queued = queued;
        this.backoff = new Backoff(config.worker().initialBackoff(), config.worker().maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    // ---- from events (called inside the receiver's transaction) ---------------------------------------------

    /** A new request becomes PENDING work; a request already known (any redelivery) changes nothing. */
    @Transactional
    public void register(ConnectorRequested requested) {
        if (ConnectorRequest.findById(requested.requestId()) != null) {
            Log.infof("request %s already registered; nothing to do", requested.requestId());
            return;
        }
        Instant now = now();
        ConnectorRequest row = new ConnectorRequest();
        row.requestId = requested.requestId();
        row.service = requested.service();
        row.groupId = requested.groupId();
        row.schemaName = requested.schemaName();
        row.config = json(requested.config());
        row.tableGroup = requested.tableGroup();
        row.businesses = json(requested.businesses());
        row.state = ConnectorState.PENDING;
        row.createdAt = now;
        row.dueNow(now);
        row.persist();
        queued.fire(new WorkQueued());
    }

    @Transactional
    public void reissueCard(String requestId) {
        ConnectorRequest row = ConnectorRequest.findById(requestId);
        if (row == null || !row.state.acceptsCardReissue()) {
            Log.infof("no Connect Card reissued for %s (%s)", requestId, row == null ? "unknown" : row.state);
            return;
        }
        row.state = ConnectorState.CREATED;
        row.dueNow(now());
        queued.fire(new WorkQueued());
    }

    @Transactional
    public void setupCompleted(String requestId, String connectionId) {
        ConnectorRequest row = ConnectorRequest.findById(requestId);
        if (row == null || !row.state.acceptsSetupCompleted()) {
            Log.infof("SetupCompleted for %s ignored (%s)", requestId, row == null ? "unknown" : row.state);
            return;
        }
        if (row.connectionId == null) {
            row.connectionId = connectionId;
        }
        row.state = ConnectorState.ACTIVATING;
        row.dueNow(now());
        queued.fire(new WorkQueued());
    }

    /** Only the first successful sync of an active connection, or a later one, asks for the tables. */
    @Transactional
    public void syncSucceeded(String connectionId) {
        Optional<ConnectorRequest> found = ConnectorRequest.byConnection(connectionId);
        if (found.isEmpty() || (found.get().state != ConnectorState.ACTIVE && found.get().state != ConnectorState.ACTIVATING)) {
            Log.infof("sync of %s ignored (%s)", connectionId, found.map(r -> r.state.name()).orElse("unknown connection"));
            return;
        }
        ConnectorRequest row = found.get();
        row.tablesDue = true;
        row.dueNow(now());
        queued.fire(new WorkQueued());
    }

    /**
     * A broken connection fails an onboarding only once it is set up: before that, a failed setup test is the
     * owner still typing in the Connect Card, who can fix it and come back. It is kept as the last error.
     */
    @Transactional
    public void broken(String connectionId, String fivetranEvent, String reason) {
        Optional<ConnectorRequest> found = ConnectorRequest.byConnection(connectionId);
        if (found.isEmpty() || found.get().state == ConnectorState.FAILED) {
            return;
        }
        ConnectorRequest row = found.get();
        if (row.state != ConnectorState.ACTIVATING && row.state != ConnectorState.ACTIVE) {
            row.lastError = truncate(fivetranEvent + ": " + reason);
            row.updatedAt = now();
            return;
        }
        fail(row, FailureStage.BROKEN, fivetranEvent, reason);
    }

    // ---- from the worker ------------------------------------------------------------------------------------

    /** Claims up to {@code limit} due rows by moving their due time a lease ahead (the version guards the claim). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<WorkItem> claimDue(int limit, Duration lease) {
        Instant now = now();
        List<ConnectorRequest> due = ConnectorRequest.<ConnectorRequest>find("nextAttemptAt <= :now",
                Sort.ascending("nextAttemptAt"), Parameters.with("now", now)).page(0, limit).list();
        due.forEach(r -> r.nextAttemptAt = now.plus(lease));
        em.flush();
        return due.stream().map(WorkItem::of).toList();
    }

    /** The request that already holds a connection, if any. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<String> holderOf(String connectionId) {
        return ConnectorRequest.byConnection(connectionId).map(r -> r.requestId);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void cardIssued(WorkItem item, String connectionId, String cardUri) {
        ConnectorRequest row = current(item);
        if (row.connectionId == null) {
            row.connectionId = connectionId;
        }
        if (row.state != item.state()) {
            return;
        }
        Instant now = now();
        row.state = ConnectorState.CARD_ISSUED;
        row.cardUri = cardUri;
        row.cardExpiresAt = now.plus(config.cardTtl());
        row.workDone(now);
        outbox.publish(new ConnectCardIssued(row.requestId, connectionId, cardUri, row.cardExpiresAt));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void activated(WorkItem item) {
        ConnectorRequest row = current(item);
        if (row.state != ConnectorState.ACTIVATING) {
            return;
        }
        row.state = ConnectorState.ACTIVE;
        row.workDone(now());
        outbox.publish(new ConnectorActivated(row.requestId, row.connectionId));
    }

    /** Publishes TableAdded for each table not announced before; returns how many were new. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int tablesFound(WorkItem item, List<LandedTable> tables) {
        ConnectorRequest row = current(item);
        Instant now = now();
        List<String> businesses = list(row.businesses);
        int announced = 0;
        for (LandedTable table : tables) {
            TableAdded added = new TableAdded(config.destinationDatabase(), table.schema(), table.table(),
                    row.tableGroup, businesses, row.connectionId, row.requestId);
            if (AnnouncedTables.firstTime(em, row.requestId, added.streamKey(), now)) {
                outbox.publish(added);
                announced++;
            }
        }
        row.tablesDue = false;
        row.workDone(now);
        return announced;
    }

    /** A retryable failure: back off this request only; give up after the configured number of attempts. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void retryLater(WorkItem item, String error, Optional<Duration> retryAfter) {
        ConnectorRequest row = current(item);
        if (row.state != item.state() || row.version != item.version()) {
            return; // an event gave the row new work meanwhile; that work is due already
        }
        row.attempts++;
        row.lastError = truncate(error);
        Instant now = now();
        row.updatedAt = now;
        if (row.attempts >= config.worker().maxAttempts()) {
            fail(row, item.tablesDue() && item.state() == ConnectorState.ACTIVE ? FailureStage.SYNC : item.state().failureStage(),
                    null, "gave up after " + row.attempts + " attempts; last error: " + error);
            return;
        }
        row.nextAttemptAt = now.plus(backoff.delay(row.attempts, retryAfter));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(WorkItem item, FailureStage stage, String code, String reason) {
        ConnectorRequest row = current(item);
        if (row.state != item.state() || row.state == ConnectorState.FAILED) {
            return;
        }
        fail(row, stage, code, reason);
    }

    private void fail(ConnectorRequest row, FailureStage stage, String code, String reason) {
        row.state = ConnectorState.FAILED;
        row.tablesDue = false;
        row.lastError = truncate(reason);
        row.nextAttemptAt = null;
        row.updatedAt = now();
        outbox.publish(new OnboardingFailed(row.requestId, row.connectionId, stage, code,
                reason == null || reason.isBlank() ? "no reason given" : truncate(reason)));
    }

    private static ConnectorRequest current(WorkItem item) {
        return ConnectorRequest.<ConnectorRequest>findByIdOptional(item.requestId())
                .orElseThrow(() -> new IllegalStateException("request " + item.requestId() + " vanished"));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> list(String json) {
        try {
            return List.of(mapper.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A table as it lands in Snowflake (schema and table {@code name_in_destination}). */
    public record LandedTable(String schema, String table) {
    }
}
