package io.gatehouse.messaging.outbox;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.CloudEventHeaders;
import io.gatehouse.messaging.config.MessagingConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Moves committed outbox rows to Kafka in write order ({@code acks=all}, idempotent producer) and marks
 * them sent in the same transaction that locked them. A crash between the broker's ack and that commit
 * re-sends the row: delivery is at least once, which consumers absorb through their inbox.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "gatehouse-out";

    private final MutinyEmitter<String> emitter;
    private final MessagingConfig.Outbox config;
    private final ReentrantLock draining = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final ExecutorService afterCommit = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final Counter published;
    private final Counter failed;

    OutboxRelay(@Channel(CHANNEL) MutinyEmitter<String> emitter, MessagingConfig config, MeterRegistry registry) {
        this.emitter = emitter;
        this.config = config.outbox();
        this.published = registry.counter("gatehouse.outbox.published");
        this.failed = registry.counter("gatehouse.outbox.failed");
        registry.gauge("gatehouse.outbox.pending", pending);
    }

    @PreDestroy
    void stop() {
        afterCommit.shutdownNow();
    }

    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        afterCommit.execute(this::drain);
    }

    // delayed: the emitter is connected only once messaging has started
    @Scheduled(every = "${gatehouse.messaging.outbox.poll-interval:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        drain();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        long purged = QuarkusTransaction.requiringNew()
                .call(() -> OutboxEvent.purgeSentBefore(Instant.now().minus(config.retention())));
        if (purged > 0) {
            Log.debugf("purged %d sent outbox rows", purged);
        }
    }

    /**
     * Publishes pending rows until none is left or the broker fails; returns how many went out. A call
     * while another drain runs makes that drain go round once more instead of waiting.
     */
    public int drain() {
        if (!draining.tryLock()) {
            again.set(true);
            return 0;
        }
        try {
            int total = 0;
            do {
                again.set(false);
                BatchResult batch;
                do {
                    batch = QuarkusTransaction.requiringNew().call(this::publishBatch);
                    total += batch.sent();
                } while (batch.complete() && batch.sent() > 0);
            } while (again.get());
            pending.set(QuarkusTransaction.requiringNew().call(OutboxEvent::countPending));
            return total;
        } catch (RuntimeException e) {
            Log.warnf("outbox relay round failed, rows stay pending: %s", e.getMessage());
            return 0;
        } finally {
            draining.unlock();
        }
    }

    private record BatchResult(int sent, boolean complete) {
    }

    private BatchResult publishBatch() {
        List<OutboxEvent> rows = OutboxEvent.lockPending(config.batchSize());
        List<CompletableFuture<Void>> acks = rows.stream()
                .map(row -> emitter.sendMessage(toMessage(row)).subscribeAsCompletionStage())
                .toList();
        int sent = 0;
        boolean complete = true;
        Instant now = Instant.now();
        for (int i = 0; i < rows.size(); i++) {
            OutboxEvent row = rows.get(i);
            try {
                acks.get(i).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                row.markSent(now);
                sent++;
            } catch (Exception e) {
                // Later rows may still be acked; they are marked too. The failed one goes again next round.
                row.markFailed(e.toString());
                failed.increment();
                complete = false;
            }
        }
        published.increment(sent);
        return new BatchResult(sent, complete);
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
