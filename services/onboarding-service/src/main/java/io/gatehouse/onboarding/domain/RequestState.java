package io.gatehouse.onboarding.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an onboarding request stands. The states only move forward, except that a fresh Connect Card
 * keeps a request in CARD_ISSUED, and FAILED can follow any state (a connection may break after activation).
 */
public enum RequestState {
    REQUESTED,
    CARD_ISSUED,
    SETUP_COMPLETED,
    ACTIVE,
    FAILED;

    /** The state after an event that leads to {@code target}; the current one when the event comes too late. */
    public RequestState moveTo(RequestState target) {
        return allowedFrom(target).contains(this) ? target : this;
    }

    /** A new Connect Card makes sense only while the owner has not completed one. */
    public boolean acceptsConnectCardReissue() {
        return this == REQUESTED || this == CARD_ISSUED;
    }

    private static Set<RequestState> allowedFrom(RequestState target) {
        return switch (target) {
            case REQUESTED -> EnumSet.noneOf(RequestState.class);
            case CARD_ISSUED -> EnumSet.of(REQUESTED, CARD_ISSUED);
            case SETUP_COMPLETED -> EnumSet.of(REQUESTED, CARD_ISSUED);
            case ACTIVE -> EnumSet.of(REQUESTED, CARD_ISSUED, SETUP_COMPLETED);
            case FAILED -> EnumSet.of(REQUESTED, CARD_ISSUED, SETUP_COMPLETED, ACTIVE);
        };
    }
}
