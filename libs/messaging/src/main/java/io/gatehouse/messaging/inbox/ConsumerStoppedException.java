package io.gatehouse.messaging.inbox;

/**
 * The service stopped while a record waited for its database to come back, or before the record could be applied.
 * The record is neither applied nor dead-lettered: its offset stays uncommitted, so the next consumer of the
 * partition takes it again.
 */
public class ConsumerStoppedException extends RuntimeException {

    public ConsumerStoppedException(String consumer, Throwable waitingFor) {
        super("consumer " + consumer + " stopped before the record was applied; it will be consumed again", waitingFor);
    }
}
