package io.gatehouse.onboarding.persistence;

import io.gatehouse.messaging.persistence.Columns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One thing that happened to a request: an event of gatehouse.onboarding, by its CloudEvents id. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry extends PanacheEntityBase {

    /** Width of {@code timeline_entry.detail}: a failure reason from Fivetran can be longer. */
    private static final int DETAIL_LENGTH = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String detail;

    public static TimelineEntry of(String requestId, String eventId, String eventType, Instant at, String detail) {
        TimelineEntry entry = new TimelineEntry();
        entry.requestId = requestId;
        entry.eventId = eventId;
        entry.eventType = eventType;
        entry.occurredAt = at;
        entry.detail = Columns.truncate(detail, DETAIL_LENGTH);
        return entry;
    }

    public static boolean recorded(String eventId) {
        return count("eventId", eventId) > 0;
    }

    public static List<TimelineEntry> of(String requestId) {
        return list("requestId = ?1 order by occurredAt, id", requestId);
    }
}
