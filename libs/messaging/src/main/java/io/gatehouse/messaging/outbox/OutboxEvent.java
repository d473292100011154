package io.gatehouse.messaging.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

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

    /** Unsent rows in write order. */
    static List<OutboxEvent> pending(int limit) {
        return find("sentAt is null order by seq").page(0, limit).list();
    }

    static void markSent(List<Long> seqs, Instant when) {
        update("sentAt = ?1, attempts = attempts + 1, lastError = null where seq in ?2", when, seqs);
    }

    static void markFailed(long seq, String reason) {
        String trimmed = reason == null ? "unknown" : reason.substring(0, Math.min(reason.length(), 2000));
        update("attempts = attempts + 1, lastError = ?1 where seq = ?2", trimmed, seq);
    }

    static long countPending() {
        return count("sentAt is null");
    }

    static long purgeSentBefore(Instant cutoff) {
        return delete("sentAt is not null and sentAt < ?1", cutoff);
    }

}
