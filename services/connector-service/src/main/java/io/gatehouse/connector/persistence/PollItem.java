package io.gatehouse.connector.persistence;

import io.gatehouse.connector.domain.ConnectorState;
import java.time.Instant;

/**
 * A claimed poll as the poller sees it, outside any transaction: which request, which Fivetran connection, the state
 * the request was claimed in (CARD_ISSUED: its setup is polled; ACTIVE or BROKEN: its syncs), and the lease its claim
 * wrote ({@code next_poll_at}), which the poll's result write checks ({@link SyncPoll#fence}).
 */
public record PollItem(String requestId, String connectionId, ConnectorState state, Instant claimedUntil) {

    /** A poll found due, not claimed yet (the query's constructor). */
    public PollItem(String requestId, String connectionId, ConnectorState state) {
        this(requestId, connectionId, state, null);
    }

    public PollItem claimedUntil(Instant until) {
        return new PollItem(requestId, connectionId, state, until);
    }
}
