package io.gatehouse.grant.it;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.CloudEventHeaders;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Shared by the end-to-end stories: the broker companion and the wait. */
abstract class StoryBase {

    static final Duration WAIT = Duration.ofSeconds(40);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    CloudEvent<GatehouseEvent> send(GatehouseEvent event) {
        CloudEvent<GatehouseEvent> cloudEvent = CloudEvent.of("/tests", event);
        KafkaEvents.send(companion, KafkaEvents.record(cloudEvent));
        return cloudEvent;
    }

    /** Sends the event as happened at {@code time}: KafkaEvents leaves ce_time out, so it is added here. */
    CloudEvent<GatehouseEvent> sendAt(Instant time, GatehouseEvent event) {
        CloudEvent<GatehouseEvent> cloudEvent = new CloudEvent<>(UUID.randomUUID().toString(), "/tests", time, event);
        ProducerRecord<String, String> record = KafkaEvents.record(cloudEvent);
        record.headers().add(CloudEventHeaders.TIME, time.toString().getBytes(StandardCharsets.UTF_8));
        KafkaEvents.send(companion, record);
        return cloudEvent;
    }
}
