package io.gatehouse.onboarding.service;

import io.gatehouse.onboarding.persistence.OnboardingRequest;
import java.util.List;

/** One page of requests, newest first, and how many match in all. */
public record RequestPage(List<OnboardingRequest> items, int page, int size, long total) {
}
