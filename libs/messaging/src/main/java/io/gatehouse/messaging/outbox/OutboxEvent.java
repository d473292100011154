package io.gatehouse.messaging.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One event waiting in (or already sent from) the transactional outbox. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    /** Skip rows another relay instance holds, instead of waiting for them (PostgreSQL: SKIP LOCKED). */
    private static final int SKIP_LOCKED = -2;

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

    /** Unsent rows in write order, locked for this transaction. */
    static List<OutboxEvent> lockPending(int limit) {
        return find("sentAt is null order by seq")
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .page(0, limit)
                .list();
    }

    static long countPending() {
        return count("sentAt is null");
    }

    static long purgeSentBefore(Instant cutoff) {
        return delete("sentAt is not null and sentAt < ?1", cutoff);
    }

    void markSent(Instant when) {
        sentAt = when;
        attempts++;
        lastError = null;
    }

    void markFailed(String reason) {
        attempts++;
        lastError = reason == null ? "unknown" : reason.substring(0, Math.min(reason.length(), 2000));
    }
}
