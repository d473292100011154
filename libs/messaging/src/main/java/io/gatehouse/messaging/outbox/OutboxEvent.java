package io.gatehouse.messaging.outbox;

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
import java.util.Optional;

/** One event waiting in (or already sent from) the transactional outbox. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    /** The CloudEvents id, which consumers use for idempotency. */
    public String id;
    public String topic;
    @Column(name = "record_key")
    public String recordKey;
    @Column(name = "ce_type")
    public String ceType;
    @Column(name = "ce_source")
    public String ceSource;
    @Column(name = "ce_time")
    public Instant ceTime;
    public String payload;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    public int attempts;
    @Column(name = "last_error")
    public String lastError;
    /** Set when the broker refused the row for good: it is no longer sent, an operator looks at it. */
    @Column(name = "parked_at")
    public Instant parkedAt;

    /** Unsent rows in write order, parked ones left out. */
    static List<OutboxEvent> pending(int limit) {
        return find("sentAt is null and parkedAt is null order by seq").page(0, limit).list();
    }

    /** Rows the broker refused for good, oldest first. */
    public static List<OutboxEvent> parked(int limit) {
        return find("parkedAt is not null order by seq").page(0, limit).list();
    }

    static void markSent(List<Long> seqs, Instant when) {
        update("sentAt = ?1, attempts = attempts + 1, lastError = null where seq in ?2", when, seqs);
    }

    static void markFailed(long seq, String reason) {
        String trimmed = reason == null ? "unknown" : Columns.error(reason);
        update("attempts = attempts + 1, lastError = ?1 where seq = ?2", trimmed, seq);
    }

    /** Counts a refusal for good; the row is parked once it has been refused {@code maxAttempts} times. */
    static boolean markRefused(long seq, String reason, int maxAttempts, Instant when) {
        markFailed(seq, reason);
        return update("parkedAt = ?1 where seq = ?2 and attempts >= ?3", when, seq, maxAttempts) == 1;
    }

    static long countPending() {
        return count("sentAt is null and parkedAt is null");
    }

    /** The write time of the oldest row still to go out (parked ones left out). */
    static Optional<Instant> oldestPending() {
        return Optional.ofNullable(getEntityManager()
                .createQuery("select min(e.createdAt) from OutboxEvent e where e.sentAt is null and e.parkedAt is null", Instant.class)
                .getSingleResult());
    }

    static long countParked() {
        return count("parkedAt is not null");
    }
}
