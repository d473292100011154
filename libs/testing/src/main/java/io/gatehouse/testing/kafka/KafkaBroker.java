package io.gatehouse.testing.kafka;

/** A running broker the tests talk to over TCP. */
interface KafkaBroker extends AutoCloseable {

    String bootstrapServers();

    /** How it was chosen, for the log line that says which broker the tests use. */
    String describe();

    @Override
    void close();
}
