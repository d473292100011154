package io.gatehouse.messaging.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This service's work tables watched by {@link StatusGauges}, by queue name ({@code grant.jobs}): an owner registers
 * its gauges here rather than building them alone, so {@code GET /pipeline} lists every queue without knowing the
 * service's tables.
 */
@ApplicationScoped
public class WorkQueues {

    private final MeterRegistry meters;
    private final Map<String, StatusGauges<?>> queues = new ConcurrentHashMap<>();

    WorkQueues(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Registers the queue's two gauges for each of {@code statuses} (see {@link StatusGauges}); one name, one owner. */
    public <S extends Enum<S>> StatusGauges<S> register(String queue, StatusGauges.Names names, String tag, Class<S> type,
                                                        List<S> statuses) {
        StatusGauges<S> gauges = new StatusGauges<>(meters, names, tag, type, statuses);
        if (queues.putIfAbsent(queue, gauges) != null) {
            throw new IllegalStateException("work queue " + queue + " is registered twice");
        }
        return gauges;
    }

    /** Each queue's figures of its owner's last refresh, by queue name. */
    public Map<String, List<StatusGauges.Reading>> readings() {
        Map<String, List<StatusGauges.Reading>> all = new TreeMap<>();
        queues.forEach((queue, gauges) -> all.put(queue, gauges.readings()));
        return all;
    }
}
