package io.gatehouse.messaging.deadletter;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One record a consumer of this service dead-lettered: where it came from, what it was, and why it could not apply. */
@Entity
@Table(name = "dead_letter")
public class DeadLetter extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String consumer;
    public String channel;
    public String topic;
    @Column(name = "partition_no")
    public int partitionNo;
    @Column(name = "record_offset")
    public long recordOffset;
    @Column(name = "record_key")
    public String recordKey;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "ce_type")
    public String ceType;
    /** The record's headers as it came (the ce_* attributes among them), so a replay is the same record. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> headers;
    public String payload;
    public String reason;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    @Column(name = "replayed_at")
    public Instant replayedAt;
    public int replays;

    /** Newest first, one consumer's or all. */
    public static List<DeadLetter> page(String consumer, int limit) {
        return (consumer == null ? DeadLetter.<DeadLetter>find("order by id desc")
                : DeadLetter.<DeadLetter>find("consumer = ?1 order by id desc", consumer)).page(0, limit).list();
    }

    /** Records not replayed yet: what still waits for an operator. */
    public static long countUnreplayed() {
        return count("replayedAt is null");
    }

    /** Whether this exact record was recorded before (a redelivery of a nacked record). */
    public static boolean known(String consumer, String topic, int partition, long offset) {
        return count("consumer = ?1 and topic = ?2 and partitionNo = ?3 and recordOffset = ?4", consumer, topic, partition, offset) > 0;
    }
}
