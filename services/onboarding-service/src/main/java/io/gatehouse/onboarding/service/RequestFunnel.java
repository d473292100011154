package io.gatehouse.onboarding.service;

import io.gatehouse.onboarding.domain.RequestState;
import io.gatehouse.onboarding.persistence.OnboardingRequest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The onboarding funnel for dashboards: {@code gatehouse.onboarding.requests{state}} counts the requests in each state,
 * and {@code gatehouse.onboarding.requests.oldest.age{state}} is how long the longest-waiting one has been there
 * (seconds since its last change; a card nobody completes shows here). One grouped count every 15 s (a scrape
 * interval); every instance reads the same table, so dashboards take the max over instances.
 */
@Startup
@ApplicationScoped
public class RequestFunnel {

    private final Map<RequestState, AtomicLong> counts = new EnumMap<>(RequestState.class);
    private final Map<RequestState, AtomicReference<Instant>> oldest = new EnumMap<>(RequestState.class);

    RequestFunnel(MeterRegistry meters) {
        for (RequestState state : RequestState.values()) {
            String tag = state.name().toLowerCase(Locale.ROOT);
            AtomicLong count = new AtomicLong();
            AtomicReference<Instant> since = new AtomicReference<>();
            counts.put(state, count);
            oldest.put(state, since);
            Gauge.builder("gatehouse.onboarding.requests", count, AtomicLong::get).tag("state", tag)
                    .description("Onboarding requests in this state").register(meters);
            Gauge.builder("gatehouse.onboarding.requests.oldest.age", since, RequestFunnel::ageSeconds).tag("state", tag)
                    .baseUnit("seconds").description("Seconds the longest-waiting request has been in this state; 0 when none")
                    .register(meters);
        }
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> OnboardingRequest.getEntityManager().createQuery(
                    "select r.state, count(r), min(r.updatedAt) from OnboardingRequest r group by r.state",
                    Object[].class).getResultList());
            Map<RequestState, Object[]> byState = new EnumMap<>(RequestState.class);
            rows.forEach(row -> byState.put((RequestState) row[0], row));
            for (RequestState state : RequestState.values()) {
                Object[] row = byState.get(state);
                counts.get(state).set(row == null ? 0 : ((Number) row[1]).longValue());
                oldest.get(state).set(row == null ? null : (Instant) row[2]);
            }
        } catch (RuntimeException e) {
            // the last figures stay until the database answers again
            Log.debugf("onboarding funnel not refreshed: %s", e.toString());
        }
    }

    static double ageSeconds(AtomicReference<Instant> since) {
        Instant at = since.get();
        return at == null ? 0 : Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0);
    }
}
