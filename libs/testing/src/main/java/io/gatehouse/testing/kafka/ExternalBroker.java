package io.gatehouse.testing.kafka;

/** A broker someone else runs (the local-run broker, a CI service): given by KAFKA_BOOTSTRAP_SERVERS. */
record ExternalBroker(String bootstrapServers) implements KafkaBroker {

    @Override
    public String describe() {
        return "external broker at " + bootstrapServers + " (KAFKA_BOOTSTRAP_SERVERS)";
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
