package io.gatehouse.bench;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Every record a topic receives from now on, by key: the timestamp of the first record per key (when it was sent). */
final class PublishedRecords implements AutoCloseable {

    private final Map<String, Long> firstByKey = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    PublishedRecords(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        reader = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
                consumer.subscribe(java.util.List.of(topic));
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        if (record.key() != null) {
                            firstByKey.putIfAbsent(record.key(), record.timestamp());
                        }
                    }
                }
            }
        }, "published-records");
        reader.setDaemon(true);
        reader.start();
    }

    boolean contains(String key) {
        return firstByKey.containsKey(key);
    }

    OptionalLong timestamp(String key) {
        Long at = firstByKey.get(key);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
    }
}
