package io.gatehouse.onboarding.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an onboarding request stands. The states only move forward, except that a fresh Connect Card
 * keeps a request in CARD_ISSUED, a running connection may break (BROKEN) and recover (ACTIVE again), and FAILED can
 * follow any state (a connection may fail after activation). An operator may ask to reactivate a BROKEN or FAILED
 * request; its connection running again (ConnectorRecovered) makes it ACTIVE.
 */
public enum RequestState {
    REQUESTED,
    CARD_ISSUED,
    SETUP_COMPLETED,
    ACTIVE,
    /** The running connection broke (ConnectorInterrupted); it waits to recover, by itself or reactivated. */
    BROKEN,
    FAILED;

    /** The state after an event that leads to {@code target}; the current one when the event comes too late. */
    public RequestState moveTo(RequestState target) {
        return allowedFrom(target).contains(this) ? target : this;
    }

    /**
     * The state after the connection runs again (ConnectorRecovered): ACTIVE from BROKEN or FAILED (a reactivated
     * request); any other state is left as it is, a late recovery changes nothing.
     */
    public RequestState recover() {
        return acceptsReactivation() ? ACTIVE : this;
    }

    /** A new Connect Card makes sense only while the owner has not completed one. */
    public boolean acceptsConnectCardReissue() {
        return this == REQUESTED || this == CARD_ISSUED;
    }

    /** Reactivation is for a connection that stopped: broken, or failed. */
    public boolean acceptsReactivation() {
        return this == BROKEN || this == FAILED;
    }

    private static Set<RequestState> allowedFrom(RequestState target) {
        return switch (target) {
            case REQUESTED -> EnumSet.noneOf(RequestState.class);
            case CARD_ISSUED -> EnumSet.of(REQUESTED, CARD_ISSUED);
            case SETUP_COMPLETED -> EnumSet.of(REQUESTED, CARD_ISSUED);
            case ACTIVE -> EnumSet.of(REQUESTED, CARD_ISSUED, SETUP_COMPLETED);
            // Only a connection that was set up can break; a break before activation is the connector-service's to retry.
            case BROKEN -> EnumSet.of(SETUP_COMPLETED, ACTIVE);
            case FAILED -> EnumSet.of(REQUESTED, CARD_ISSUED, SETUP_COMPLETED, ACTIVE, BROKEN);
        };
    }
}
