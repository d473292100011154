package io.gatehouse.connector.domain;

import io.gatehouse.events.FailureStage;

/**
 * What the connector-service has done for a request in Fivetran, and so what it does next. Which state accepts
 * which event or worker result is {@link ConnectorLifecycle}'s table.
 */
public enum ConnectorState {
    /** No connection known yet: find one by group + schema, else create it. */
    PENDING(FailureStage.CREATE_CONNECTION),
    /** The connection exists; a (fresh) Connect Card is needed. */
    CREATED(FailureStage.CONNECT_CARD),
    /** ConnectCardIssued published; waiting for the owner. */
    CARD_ISSUED(null),
    /** The owner completed setup; the connection must be unpaused. */
    ACTIVATING(FailureStage.ACTIVATION),
    /** Unpaused; tables are announced after successful syncs. */
    ACTIVE(FailureStage.SYNC),
    /**
     * Fivetran reported the active connection broken (connection_failure): a cause that may heal (the owner or
     * Fivetran fixes the source), so the request waits here, visibly, and the next successful sync makes it ACTIVE.
     */
    BROKEN(FailureStage.BROKEN),
    /**
     * An operator asked for a BROKEN or FAILED request (with a connection) to be brought back: the connection is read
     * from Fivetran; connected, it is unpaused if need be and ACTIVE again, otherwise the request waits in BROKEN.
     * Fivetran failing meanwhile is retried for as long as it takes; a reactivation never fails the request.
     */
    REACTIVATING(FailureStage.BROKEN),
    /** Fivetran refused for good, or transient failures went on too long: nothing more is done. */
    FAILED(null);

    private final FailureStage stage;

    ConnectorState(FailureStage stage) {
        this.stage = stage;
    }

    /** The stage a failure of this state's work is reported under. */
    public FailureStage failureStage() {
        return stage == null ? FailureStage.CREATE_CONNECTION : stage;
    }
}
