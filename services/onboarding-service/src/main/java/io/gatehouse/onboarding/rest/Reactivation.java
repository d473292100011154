package io.gatehouse.onboarding.rest;

import jakarta.validation.constraints.Size;

/** Optional body of {@code POST /onboarding-requests/{id}/reactivation}: why the operator asks, for the timeline. */
public record Reactivation(@Size(max = 500) String reason) {

    /** The reason as the event carries it: absent when blank. */
    String reasonOrNull() {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }
}
