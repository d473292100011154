package io.gatehouse.grant.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of this instance's way to Snowflake, as the apply worker last met it: down from the first attempt that
 * met an outage until a statement succeeds again, with since when and the last failure; the gauge
 * {@code gatehouse.grant.snowflake.unreachable} (1 while down) shows it on dashboards. The jobs themselves wait (never
 * parked) and keep the failure in their {@code last_error}.
 */
// @Default next to @Readiness: JobApplier injects it as a plain bean too.
@Readiness
@Default
@ApplicationScoped
public class SnowflakeHealth implements HealthCheck {

    /** An outage as last seen: since when and the last failure. */
    record Outage(Instant since, String reason) {
    }

    private final AtomicReference<Outage> outage = new AtomicReference<>();

    SnowflakeHealth(MeterRegistry meters) {
        meters.gauge("gatehouse.grant.snowflake.unreachable", outage, o -> o.get() == null ? 0 : 1);
    }

    void unreachable(String reason) {
        outage.updateAndGet(before -> new Outage(before == null ? Instant.now() : before.since(), reason));
    }

    void reachable() {
        outage.set(null);
    }

    @Override
    public HealthCheckResponse call() {
        Outage now = outage.get();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("gatehouse-snowflake").status(now == null);
        if (now != null) {
            response.withData("unreachable since", now.since().toString()).withData("last failure", now.reason());
        }
        return response.build();
    }
}
