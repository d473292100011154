package io.gatehouse.onboarding.service;

import io.gatehouse.onboarding.persistence.OnboardingRequest;
import io.gatehouse.onboarding.persistence.TimelineEntry;
import java.util.List;

/** One request with its timeline (oldest first) and the tables it brought (by name). */
public record RequestDetails(OnboardingRequest request, List<TimelineEntry> timeline, List<String> tables) {
}
