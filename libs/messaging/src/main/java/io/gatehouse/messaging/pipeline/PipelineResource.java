package io.gatehouse.messaging.pipeline;

import io.gatehouse.messaging.deadletter.DeadLetter;
import io.gatehouse.messaging.metrics.WorkQueues;
import io.gatehouse.messaging.outbox.OutboxBacklog;
import io.gatehouse.rest.Roles;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /pipeline}: the outbox, the dead letters, the consumers' lag and the work queues of this service in one answer,
 * for the ops console. Counts come from the database when asked (every instance sees the same rows); lag and queues are
 * the figures the metrics already hold (a queue's as of its owner's last refresh, every 15 s).
 */
@Path("/pipeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pipeline")
public class PipelineResource {

    /** Kafka's records-lag-max, per client and per partition, bound by Micrometer's Kafka binder. */
    static final String LAG = "kafka.consumer.fetch.manager.records.lag.max";

    private final String service;
    private final MeterRegistry meters;
    private final WorkQueues queues;

    PipelineResource(@ConfigProperty(name = "quarkus.application.name") String service, MeterRegistry meters,
                     WorkQueues queues) {
        this.service = service;
        this.meters = meters;
        this.queues = queues;
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.PLATFORM_ADMIN})
    @Operation(summary = "Outbox backlog, dead letters not replayed, consumer lag and work queues of this service")
    public PipelineStatus get() {
        return QuarkusTransaction.requiringNew().call(() -> {
            OutboxBacklog backlog = OutboxBacklog.read();
            var outbox = new PipelineStatus.Outbox(backlog.pending(), backlog.parked(),
                    PipelineStatus.ageSeconds(backlog.oldestPending().orElse(null)));
            return new PipelineStatus(service, outbox, DeadLetter.countUnreplayed(), consumers(), queues());
        });
    }

    /** The largest lag of each client over its gauges; a gauge not measured yet (NaN) says nothing. */
    private List<PipelineStatus.Consumer> consumers() {
        Map<String, Double> lag = new TreeMap<>();
        for (Gauge gauge : meters.find(LAG).gauges()) {
            String client = gauge.getId().getTag("client.id");
            if (client != null) {
                lag.merge(client, gauge.value(), PipelineResource::max);
            }
        }
        List<PipelineStatus.Consumer> consumers = new ArrayList<>();
        lag.forEach((client, value) -> consumers.add(
                new PipelineStatus.Consumer(client, Double.isFinite(value) ? Long.valueOf(Math.round(value)) : null)));
        return consumers;
    }

    private static double max(double a, double b) {
        return !Double.isFinite(a) ? b : !Double.isFinite(b) ? a : Math.max(a, b);
    }

    private List<PipelineStatus.Queue> queues() {
        List<PipelineStatus.Queue> rows = new ArrayList<>();
        queues.readings().forEach((name, readings) -> readings.forEach(r -> rows.add(new PipelineStatus.Queue(name,
                r.status(), r.count(), r.count() == 0 ? null : PipelineStatus.ageSeconds(r.oldest())))));
        return rows;
    }
}
