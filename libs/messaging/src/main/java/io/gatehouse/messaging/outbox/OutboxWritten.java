package io.gatehouse.messaging.outbox;

/** Fired when a transaction wrote outbox rows, so the relay runs right after the commit instead of at the next poll. */
record OutboxWritten() {
}
