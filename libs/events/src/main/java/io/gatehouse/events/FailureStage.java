package io.gatehouse.events;

/** Where an onboarding stopped. */
public enum FailureStage {
    CREATE_CONNECTION,
    CONNECT_CARD,
    ACTIVATION,
    SYNC,
    BROKEN
}
