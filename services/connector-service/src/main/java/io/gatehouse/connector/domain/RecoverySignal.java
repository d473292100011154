package io.gatehouse.connector.domain;

/** What showed that a BROKEN connection runs again: the {@code signal} of ConnectorRecovered. */
public enum RecoverySignal {
    /** A successful SyncCompleted (Fivetran's {@code sync_end} webhook). */
    SYNC_END("sync_end"),
    /** The sync poller read a success newer than the last one seen. */
    POLL("poll"),
    /** ConnectorHealthy (Fivetran's {@code connection_successful} webhook: the setup tests pass again). */
    CONNECTION_SUCCESSFUL("connection_successful"),
    /** An operator's ReactivationRequested, after Fivetran reported the connection connected. */
    REACTIVATION("reactivation");

    private final String wire;

    RecoverySignal(String wire) {
        this.wire = wire;
    }

    /** The value published in ConnectorRecovered. */
    public String wire() {
        return wire;
    }
}
