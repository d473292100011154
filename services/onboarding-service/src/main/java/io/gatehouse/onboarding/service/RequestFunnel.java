package io.gatehouse.onboarding.service;

import io.gatehouse.messaging.metrics.StatusGauges;
import io.gatehouse.messaging.metrics.WorkQueues;
import io.gatehouse.onboarding.domain.RequestState;
import io.gatehouse.onboarding.persistence.OnboardingRequest;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * The onboarding funnel for dashboards: {@code gatehouse.onboarding.requests{state}} counts the requests in each state,
 * and {@code gatehouse.onboarding.requests.oldest.age{state}} is how long the longest-waiting one has been there
 * (seconds since its last change; a card nobody completes shows here). One grouped count every 15 s (a scrape
 * interval); every instance reads the same table, so dashboards take the max over instances. Registered as the work
 * queue {@code onboarding.requests}, so {@code GET /pipeline} shows it too.
 */
@Startup
@ApplicationScoped
public class RequestFunnel {

    private final StatusGauges<RequestState> gauges;

    RequestFunnel(WorkQueues queues) {
        this.gauges = queues.register("onboarding.requests", new StatusGauges.Names(
                "gatehouse.onboarding.requests", "Onboarding requests in this state",
                "gatehouse.onboarding.requests.oldest.age", "Seconds the longest-waiting request has been in this state; 0 when none"),
                "state", RequestState.class, List.of(RequestState.values()));
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            gauges.refresh(QuarkusTransaction.requiringNew().call(() -> OnboardingRequest.getEntityManager().createQuery(
                    "select r.state, count(r), min(r.updatedAt) from OnboardingRequest r group by r.state",
                    Object[].class).getResultList()).stream()
                    .map(row -> new StatusGauges.Row<>((RequestState) row[0], ((Number) row[1]).longValue(), (Instant) row[2]))
                    .toList());
        } catch (RuntimeException e) {
            // the last figures stay until the database answers again
            Log.debugf("onboarding funnel not refreshed: %s", e.toString());
        }
    }
}
