package io.gatehouse.events;

/**
 * An event of the catalogue. The record is the JSON body of a CloudEvent; the envelope travels in
 * {@code ce_*} headers (see {@link CloudEvent}).
 */
public sealed interface GatehouseEvent permits ConnectorRequested, ConnectCardIssued, ConnectCardRequested, SetupCompleted,
        ConnectorActivated, OnboardingFailed, ReactivationRequested, ConnectorInterrupted, ConnectorRecovered,
        SyncCompleted, ConnectorBroken, ConnectorHealthy, UserJoinedBusiness,
        UserLeftBusiness, TableAdded, TableRemoved, GrantsApplied, DriftDetected {

    /** The Kafka key: events about one thing share it, so they stay in order. Also the CloudEvents subject. */
    String streamKey();

    default EventType eventType() {
        return EventType.of(getClass());
    }
}
