package io.gatehouse.grant.it;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;

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
}
