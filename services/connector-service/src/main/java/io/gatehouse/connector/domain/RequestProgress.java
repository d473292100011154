package io.gatehouse.connector.domain;

import io.gatehouse.messaging.persistence.Columns;
import java.time.Instant;

/**
 * Where one connector request stands: the part of its row {@link ConnectorLifecycle} reads and decides.
 * {@code nextAttemptAt} is the worker's schedule (null: nothing due); {@code version} counts the row's writes, so a
 * worker's result can tell whether anything touched the row since its claim. {@code reactivatingFrom} is the state a
 * REACTIVATING request came from (BROKEN or FAILED), null in every other state.
 */
public record RequestProgress(String requestId, ConnectorState state, String connectionId, String cardUri,
        Instant cardExpiresAt, boolean tablesDue, int attempts, String lastError, Instant nextAttemptAt, long version,
        ConnectorState reactivatingFrom) {

    /** A request that is not reactivating. */
    public RequestProgress(String requestId, ConnectorState state, String connectionId, String cardUri,
            Instant cardExpiresAt, boolean tablesDue, int attempts, String lastError, Instant nextAttemptAt,
            long version) {
        this(requestId, state, connectionId, cardUri, cardExpiresAt, tablesDue, attempts, lastError, nextAttemptAt,
                version, null);
    }

    /** A request just registered: PENDING and due at once. */
    static RequestProgress registered(String requestId, Instant now) {
        return new RequestProgress(requestId, ConnectorState.PENDING, null, null, null, false, 0, null, now, 0);
    }

    /** In {@code next}; the state a reactivation came from is forgotten once the request leaves REACTIVATING. */
    RequestProgress in(ConnectorState next) {
        return new RequestProgress(requestId, next, connectionId, cardUri, cardExpiresAt, tablesDue, attempts,
                lastError, nextAttemptAt, version, next == ConnectorState.REACTIVATING ? reactivatingFrom : null);
    }

    /** REACTIVATING, remembering where from (the outcome depends on it). */
    RequestProgress reactivating() {
        return new RequestProgress(requestId, ConnectorState.REACTIVATING, connectionId, cardUri, cardExpiresAt,
                tablesDue, attempts, lastError, nextAttemptAt, version, state);
    }

    /** The first connection id known wins: a later one never replaces it. */
    RequestProgress withConnection(String id) {
        return connectionId != null ? this : new RequestProgress(requestId, state, id, cardUri, cardExpiresAt,
                tablesDue, attempts, lastError, nextAttemptAt, version, reactivatingFrom);
    }

    RequestProgress withCard(String uri, Instant expiresAt) {
        return new RequestProgress(requestId, state, connectionId, uri, expiresAt, tablesDue, attempts, lastError,
                nextAttemptAt, version, reactivatingFrom);
    }

    RequestProgress withTablesDue(boolean due) {
        return new RequestProgress(requestId, state, connectionId, cardUri, cardExpiresAt, due, attempts, lastError,
                nextAttemptAt, version, reactivatingFrom);
    }

    /** Kept for an operator to read; the schedule is left alone. */
    RequestProgress noting(String error) {
        return new RequestProgress(requestId, state, connectionId, cardUri, cardExpiresAt, tablesDue, attempts,
                Columns.error(error), nextAttemptAt, version, reactivatingFrom);
    }

    /** Due now with a clean attempt count: new work, not a retry. */
    RequestProgress dueNow(Instant now) {
        return new RequestProgress(requestId, state, connectionId, cardUri, cardExpiresAt, tablesDue, 0, null, now,
                version, reactivatingFrom);
    }

    /** Nothing left to do unless a sync asked for the tables of an active connection. */
    RequestProgress workDone(Instant now) {
        Instant next = tablesDue && state == ConnectorState.ACTIVE ? now : null;
        return new RequestProgress(requestId, state, connectionId, cardUri, cardExpiresAt, tablesDue, 0, null, next,
                version, reactivatingFrom);
    }

    /** Nothing due: the request waits for an event (a successful sync), not for the worker. */
    RequestProgress waiting() {
        return new RequestProgress(requestId, state, connectionId, cardUri, cardExpiresAt, tablesDue, attempts,
                lastError, null, version, reactivatingFrom);
    }

    /** Settled after finished work: nothing due, a clean attempt count, {@code error} kept for an operator. */
    RequestProgress settled(String error) {
        return new RequestProgress(requestId, state, connectionId, cardUri, cardExpiresAt, tablesDue, 0,
                Columns.error(error), null, version, reactivatingFrom);
    }

    /** One more failed attempt, tried again at {@code at}. */
    RequestProgress retryAt(Instant at, String error) {
        return new RequestProgress(requestId, state, connectionId, cardUri, cardExpiresAt, tablesDue, attempts + 1,
                Columns.error(error), at, version, reactivatingFrom);
    }

    /** FAILED for good: nothing due any more; the attempt count stays for the operator. */
    RequestProgress failed(int attemptsMade, String reason) {
        return new RequestProgress(requestId, ConnectorState.FAILED, connectionId, cardUri, cardExpiresAt, false,
                attemptsMade, Columns.error(reason), null, version, null);
    }
}
