package io.gatehouse.messaging.config;

import io.gatehouse.events.CloudEventReader;
import io.gatehouse.events.EventCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One codec per service: it compiles every JSON Schema once. */
public class CodecProducer {

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Produces
    @Singleton
    CloudEventReader cloudEventReader(EventCodec codec) {
        return new CloudEventReader(codec);
    }
}
