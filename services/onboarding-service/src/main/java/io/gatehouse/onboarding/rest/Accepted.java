package io.gatehouse.onboarding.rest;

import io.gatehouse.onboarding.domain.RequestState;

/** The 202 answer to a new request (and to its retries with the same Idempotency-Key). */
public record Accepted(String id, RequestState state, String location) {
}
