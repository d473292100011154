package io.gatehouse.connector.domain;

/** What the worker saw when it claimed a request: its state then, and the row's write count then. */
public record Claim(ConnectorState state, long version) {
}
