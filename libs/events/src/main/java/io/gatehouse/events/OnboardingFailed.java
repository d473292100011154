package io.gatehouse.events;

/** An onboarding ended in a permanent failure; {@code code} is Fivetran's error code when it has one. */
public record OnboardingFailed(
        String requestId,
        @OptionalField String connectionId,
        FailureStage stage,
        @OptionalField String code,
        String reason) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return requestId;
    }
}
