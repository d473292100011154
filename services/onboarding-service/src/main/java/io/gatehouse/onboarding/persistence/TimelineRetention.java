package io.gatehouse.onboarding.persistence;

import io.gatehouse.messaging.retention.RetentionRules;
import io.gatehouse.messaging.retention.RetentionTarget;
import io.gatehouse.messaging.retention.RetentionWindow;
import io.gatehouse.onboarding.config.OnboardingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Timeline entries older than {@code gatehouse.onboarding.retention.timeline} go, except each request's latest (in the
 * order the timeline is shown: occurred_at, then id), so a request never shows an empty timeline. The request row keeps
 * what the first entry told (who asked, when). Requests themselves and the tables they brought are kept: they are
 * the record of what is onboarded, and grow with the sources, not with time.
 */
@ApplicationScoped
public class TimelineRetention implements RetentionRules {

    static final RetentionTarget SUPERSEDED_ENTRIES = RetentionTarget.of("timeline_entry", "occurred_at", "id")
            .where("exists (select 1 from timeline_entry later where later.request_id = t.request_id"
                    + " and (later.occurred_at > t.occurred_at or (later.occurred_at = t.occurred_at and later.id > t.id)))");

    private final OnboardingConfig config;

    TimelineRetention(OnboardingConfig config) {
        this.config = config;
    }

    @Override
    public List<RetentionWindow> windows() {
        return List.of(new RetentionWindow(SUPERSEDED_ENTRIES, config.retention().timeline()));
    }
}
