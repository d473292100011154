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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Moves committed outbox rows to Kafka in write order ({@code acks=all}, idempotent producer), then marks
 * them sent. A crash between the broker's ack and that mark re-sends the row: delivery is at least once,
 * which consumers absorb through their inbox.
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

    // Only while the application runs: the emitter is connected once messaging has started, and the
    // database is gone during shutdown.
    @Scheduled(every = "${gatehouse.messaging.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        drain();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
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
                    List<OutboxEvent> rows = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.pending(config.batchSize()));
                    batch = publish(rows);
                    QuarkusTransaction.requiringNew().run(batch::record);
                    total += batch.sent().size();
                } while (batch.complete() && !batch.sent().isEmpty());
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

    /**
     * What one round sent and what failed. Sending happens outside any transaction (a transaction must not
     * follow the send onto the producer's threads); the round is recorded in a short one afterwards. A crash
     * in between re-sends the round: delivery is at least once. One relay runs per service instance; with
     * several instances a row may go out twice, which consumers' inboxes absorb.
     */
    private record BatchResult(List<Long> sent, Map<Long, String> failed, boolean complete) {

        void record() {
            if (!sent.isEmpty()) {
                OutboxEvent.markSent(sent, Instant.now());
            }
            failed.forEach(OutboxEvent::markFailed);
        }
    }

    private BatchResult publish(List<OutboxEvent> rows) {
        List<CompletableFuture<Void>> acks = rows.stream()
                .map(row -> emitter.sendMessage(toMessage(row)).subscribeAsCompletionStage())
                .toList();
        List<Long> sent = new ArrayList<>();
        Map<Long, String> failures = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                acks.get(i).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                sent.add(rows.get(i).seq);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.put(rows.get(i).seq, "interrupted");
            } catch (ExecutionException | TimeoutException e) {
                // Later rows may still be acked; they are marked too. The failed one goes again next round.
                failures.put(rows.get(i).seq, String.valueOf(e.getCause() == null ? e : e.getCause()));
            }
        }
        published.increment(sent.size());
        failed.increment(failures.size());
        return new BatchResult(sent, failures, failures.isEmpty());
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
