package io.gatehouse.messaging.outbox;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.CloudEventHeaders;
import io.gatehouse.messaging.cluster.ClusterLease;
import io.gatehouse.messaging.config.MessagingConfig;
import io.gatehouse.messaging.work.WorkLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Moves committed outbox rows to Kafka in write order ({@code acks=all}, idempotent producer), then marks
 * them sent. A crash between the broker's ack and that mark re-sends the row: delivery is at least once,
 * which consumers absorb through their inbox.
 *
 * <p>Of a service's instances only the one holding the {@link ClusterLease} named {@value #LEASE} publishes; the others
 * renew nothing and try to take the lease over at every heartbeat. Its marks are fenced by the lease's token: a relay
 * that lost the lease writes nothing and stands by. The relay drives its lease itself (not through ClusterLeases): it
 * tries it at every poll, wakes its loop on a takeover and fences each round's marks.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "gatehouse-out";
    /** The name of the outbox relay's row in {@code relay_lease} (one database per service). */
    static final String LEASE = "outbox";

    private final MutinyEmitter<String> emitter;
    private final MessagingConfig.Outbox config;
    private final AtomicLong pending = new AtomicLong();
    private final WorkLoop loop = new WorkLoop("outbox-relay", this::round);
    private volatile boolean stopping;
    private final Counter published;
    private final Counter failed;
    private final Counter parked;
    private final AtomicLong parkedRows = new AtomicLong();
    /** When the oldest row waiting to go out was written; null when none waits (or this instance is a standby). */
    private final AtomicReference<Instant> oldestPending = new AtomicReference<>();
    private final ClusterLease lease;
    private final Counter takeovers;
    private final Counter fenced;

    @Inject
    OutboxRelay(@Channel(CHANNEL) MutinyEmitter<String> emitter, MessagingConfig config, MeterRegistry registry) {
        this(emitter, config, registry, ClusterLease.newHolderId());
    }

    /** A relay as another instance of the service would run it (tests run two in one JVM). */
    OutboxRelay(MutinyEmitter<String> emitter, MessagingConfig config, MeterRegistry registry, String holder) {
        this.emitter = emitter;
        this.config = config.outbox();
        this.lease = new ClusterLease(LEASE, holder, this.config.lease().duration());
        this.published = registry.counter("gatehouse.outbox.published");
        this.failed = registry.counter("gatehouse.outbox.failed");
        this.parked = registry.counter("gatehouse.outbox.parked");
        this.takeovers = registry.counter("gatehouse.outbox.relay.takeovers");
        this.fenced = registry.counter("gatehouse.outbox.relay.fenced");
        registry.gauge("gatehouse.outbox.pending", pending);
        registry.gauge("gatehouse.outbox.parked.rows", parkedRows);
        // The age is taken at scrape time from the row's write time: while the broker is down and rounds fail, the
        // oldest row stays the same and its age keeps growing, which is what an alert on a stuck outbox needs.
        Gauge.builder("gatehouse.outbox.oldest.age", oldestPending, OutboxRelay::ageSeconds)
                .description("Seconds since the oldest unsent, unparked outbox row was written; 0 when none waits")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("gatehouse.outbox.relay.active", lease, l -> l.held() ? 1 : 0)
                .description("1 on the instance whose relay holds the lease and publishes, 0 on a standby")
                .register(registry);
    }

    static double ageSeconds(AtomicReference<Instant> since) {
        Instant at = since.get();
        return at == null ? 0 : Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0);
    }

    /**
     * A graceful stop (SIGTERM, a rolling deploy) hands the lease over at once: Quarkus fires this before it closes the
     * Kafka producer and the database, so the round in flight is still recorded and the lease released, and a standby
     * takes over at its next poll instead of after the lease lapses (measured before: up to 12 s without publishing).
     */
    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true; // the scheduler may still tick: it must not take the lease back
        if (!loop.stop(config.sendTimeout())) {
            Log.warnf("outbox relay %s: a round still runs after %s; its sends are recorded by the next holder", lease.holder(),
                    config.sendTimeout());
        }
        stop();
    }

    @PreDestroy
    void stop() {
        loop.close();
        try {
            lease.release();
        } catch (RuntimeException e) {
            // the database is gone already: the lease lapses on its own
            Log.debugf("outbox relay lease not released: %s", e);
        }
    }

    /** True while this instance's relay holds the lease and publishes. */
    public boolean active() {
        return lease.held();
    }

    /** Renews the lease, or takes it over when it is free or has lapsed; a relay that just took it drains at once. */
    @Scheduled(every = "${gatehouse.messaging.outbox.lease.renew-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void heartbeat() {
        if (stopping) {
            return;
        }
        switch (lease.heartbeat()) {
            case ACQUIRED -> {
                takeovers.increment();
                Log.infof("outbox relay active on %s", lease.holder());
                loop.wake();
            }
            case LOST -> Log.warnf("outbox relay lease lost by %s: another instance publishes now", lease.holder());
            case RENEWED, STANDBY -> { }
        }
    }

    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        loop.wake();
    }

    // Only while the application runs: the emitter is connected once messaging has started, and the
    // database is gone during shutdown.
    @Scheduled(every = "${gatehouse.messaging.outbox.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        if (!lease.held()) {
            heartbeat(); // a standby (or a relay just started) tries the lease at every poll: failover within seconds
        }
        drain();
    }

    /**
     * Publishes pending rows until none is left or the broker fails. A call while another drain runs makes that
     * drain go round once more instead of waiting.
     */
    public void drain() {
        loop.drain();
    }

    /**
     * One batch in write order; true when it went out whole and was full, so more rows may wait. Rows committed after
     * the batch was read wake the loop themselves (WorkLoop runs another round), so a batch that was not full ends the
     * drain, and an empty one writes nothing: no fence, which would otherwise be a database write at every poll.
     */
    private boolean round() {
        if (!lease.held()) {
            oldestPending.set(null); // the active instance reports the backlog; a former holder's view is stale
            return false; // a standby: the active instance publishes
        }
        List<OutboxEvent> rows = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.pending(config.batchSize()));
        if (!rows.isEmpty()) {
            BatchResult batch = publish(rows);
            boolean recorded = QuarkusTransaction.requiringNew().call(() -> {
                if (!lease.fence()) {
                    return false;
                }
                batch.record(config.maxRefusals(), parked);
                return true;
            });
            if (!recorded) {
                lease.lost();
                fenced.increment();
                Log.warnf("outbox relay %s lost its lease during a round: %d sends not recorded, the active relay re-sends them",
                        lease.holder(), batch.sent().size());
                return false;
            }
            if (batch.complete() && rows.size() == config.batchSize()) {
                return true;
            }
        }
        OutboxBacklog backlog = QuarkusTransaction.requiringNew().call(OutboxBacklog::read);
        pending.set(backlog.pending());
        parkedRows.set(backlog.parked());
        oldestPending.set(backlog.oldestPending().orElse(null));
        return false;
    }

    /**
     * What one round sent and what failed. Sending happens outside any transaction (a transaction must not
     * follow the send onto the producer's threads); the round is recorded in a short one afterwards. A crash
     * in between re-sends the round: delivery is at least once. Only the lease holder records a round; a relay
     * that lost the lease in the middle of one may have sent it too, which consumers' inboxes absorb.
     */
    private record BatchResult(List<Long> sent, Map<Long, Failure> failed) {

        boolean complete() {
            return failed.isEmpty();
        }

        void record(int maxRefusals, Counter parked) {
            Instant now = Instant.now();
            if (!sent.isEmpty()) {
                OutboxEvent.markSent(sent, now);
            }
            failed.forEach((seq, failure) -> {
                if (!failure.refused()) {
                    OutboxEvent.markFailed(seq, failure.reason());
                } else if (OutboxEvent.markRefused(seq, failure.reason(), maxRefusals, now)) {
                    parked.increment();
                    Log.errorf("outbox row %d parked: the broker refused it %d times: %s", seq, maxRefusals, failure.reason());
                }
            });
        }
    }

    /** Why a row did not go out; {@code refused} when the broker will never take it as it is. */
    private record Failure(String reason, boolean refused) {

        static Failure of(Throwable e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            // Retriable errors (leader moves, not enough replicas) and timeouts are an outage: retried for as long
            // as it lasts. Anything else the broker or the client says about the record itself is final.
            boolean outage = cause instanceof RetriableException || cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof InterruptedException || cause instanceof org.apache.kafka.common.errors.TimeoutException;
            return new Failure(String.valueOf(cause), !outage);
        }
    }

    /**
     * Sends a batch keeping each key's order even when a send fails: rows go out in waves, the n-th wave holding
     * the n-th row of every key, and a key whose row failed sends nothing more this round. Rows of different keys
     * still travel together, so a batch of distinct keys is one wave.
     */
    private BatchResult publish(List<OutboxEvent> rows) {
        Map<String, Deque<OutboxEvent>> byKey = new LinkedHashMap<>();
        rows.forEach(row -> byKey.computeIfAbsent(row.topic + '\u0000' + row.recordKey, k -> new ArrayDeque<>()).add(row));
        List<Long> sent = new ArrayList<>();
        Map<Long, Failure> failures = new LinkedHashMap<>();
        while (!byKey.isEmpty()) {
            List<OutboxEvent> wave = byKey.values().stream().map(Deque::poll).toList();
            List<CompletableFuture<Void>> acks = wave.stream()
                    .map(row -> emitter.sendMessage(toMessage(row)).subscribeAsCompletionStage())
                    .toList();
            for (int i = 0; i < wave.size(); i++) {
                OutboxEvent row = wave.get(i);
                try {
                    acks.get(i).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    sent.add(row.seq);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.put(row.seq, Failure.of(e));
                } catch (ExecutionException | TimeoutException e) {
                    failures.put(row.seq, Failure.of(e));
                    byKey.remove(row.topic + '\u0000' + row.recordKey); // the key waits for this row
                }
            }
            byKey.values().removeIf(Deque::isEmpty);
        }
        published.increment(sent.size());
        failed.increment(failures.size());
        return new BatchResult(sent, failures);
    }

    private static Message<String> toMessage(OutboxEvent row) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEvent.SPEC_VERSION);
        header(headers, CloudEventHeaders.ID, row.id);
        header(headers, CloudEventHeaders.SOURCE, row.ceSource);
        header(headers, CloudEventHeaders.TYPE, row.ceType);
        header(headers, CloudEventHeaders.TIME, row.ceTime.toString());
        header(headers, CloudEventHeaders.SUBJECT, row.recordKey);
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return Message.of(row.payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.recordKey)
                .withHeaders(headers)
                .build());
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
