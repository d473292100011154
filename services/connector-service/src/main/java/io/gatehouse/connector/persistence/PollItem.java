package io.gatehouse.connector.persistence;

/** A claimed poll as the poller sees it, outside any transaction: which request, which Fivetran connection. */
public record PollItem(String requestId, String connectionId) {
}
