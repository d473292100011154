package io.gatehouse.connector.persistence;

import io.gatehouse.connector.domain.ConnectorState;

/**
 * A claimed poll as the poller sees it, outside any transaction: which request, which Fivetran connection, and the state
 * the request was claimed in (CARD_ISSUED: its setup is polled; ACTIVE or BROKEN: its syncs).
 */
public record PollItem(String requestId, String connectionId, ConnectorState state) {
}
