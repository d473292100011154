package io.gatehouse.messaging.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A table's rows by status, for dashboards and alerts: one gauge counts the rows in each status, the other is the age in
 * seconds of the oldest (0 when none), both tagged with the status. The owner refreshes them from one
 * grouped query on its schedule ({@link #refresh}); the age is taken at scrape time from the oldest row's time, so it
 * keeps growing while refreshes fail (database down), as an alert on a stuck backlog needs. Every instance reads the
 * same table: dashboards take the max over instances.
 */
public final class StatusGauges<S extends Enum<S>> {

    /** What one grouped query says of one status: how many rows, and the time of the oldest. */
    public record Row<S>(S status, long count, Instant oldest) {
    }

    private final List<S> statuses;
    private final Map<S, AtomicLong> counts;
    private final Map<S, AtomicReference<Instant>> oldest;

    /** One status as the gauges hold it now: its value as tagged (lower case), how many rows, and the oldest's time. */
    public record Reading(String status, long count, Instant oldest) {
    }

    /** What the two gauges are called and say. */
    public record Names(String count, String countDescription, String age, String ageDescription) {
    }

    /**
     * Registers both gauges for each of {@code statuses}, tagged {@code tag} with the status in lower case. Built through
     * {@link WorkQueues#register}, so every queue also shows in {@code GET /pipeline}.
     */
    StatusGauges(MeterRegistry meters, Names names, String tag, Class<S> type, List<S> statuses) {
        this.statuses = List.copyOf(statuses);
        this.counts = new EnumMap<>(type);
        this.oldest = new EnumMap<>(type);
        for (S status : statuses) {
            String value = status.name().toLowerCase(Locale.ROOT);
            AtomicLong count = new AtomicLong();
            AtomicReference<Instant> since = new AtomicReference<>();
            counts.put(status, count);
            oldest.put(status, since);
            Gauge.builder(names.count(), count, AtomicLong::get).tag(tag, value).description(names.countDescription())
                    .register(meters);
            Gauge.builder(names.age(), since, StatusGauges::ageSeconds).tag(tag, value).baseUnit("seconds")
                    .description(names.ageDescription()).register(meters);
        }
    }

    /** The query's answer; a status it does not name has no rows. */
    public void refresh(List<Row<S>> rows) {
        Map<S, Row<S>> byStatus = new HashMap<>();
        rows.forEach(row -> byStatus.put(row.status(), row));
        for (S status : statuses) {
            Row<S> row = byStatus.get(status);
            counts.get(status).set(row == null ? 0 : row.count());
            oldest.get(status).set(row == null ? null : row.oldest());
        }
    }

    /** The figures of the last refresh, one per status in the order given at registration. */
    public List<Reading> readings() {
        return statuses.stream().map(s -> new Reading(s.name().toLowerCase(Locale.ROOT), counts.get(s).get(),
                oldest.get(s).get())).toList();
    }

    static double ageSeconds(AtomicReference<Instant> since) {
        Instant at = since.get();
        return at == null ? 0 : Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0);
    }
}
