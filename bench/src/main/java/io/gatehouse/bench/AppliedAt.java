package io.gatehouse.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * When a service applied an event: its inbox row's {@code processed_at}, written in the transaction that applied it
 * (libs/messaging Inbox). A harness learns a state changed by polling the API, but it times the change from here, so
 * the figures do not depend on how often it polls, nor pay for polling often.
 */
final class AppliedAt implements AutoCloseable {

    private final Connection db;

    /** Reads the database of a service started with {@code env} (ServiceDatabases' settings). */
    AppliedAt(Map<String, String> env) throws SQLException {
        this.db = DriverManager.getConnection(env.get("GATEHOUSE_DB_URL"), env.getOrDefault("QUARKUS_DATASOURCE_USERNAME", ""), "");
    }

    /** When the event with this CloudEvents id was applied; the caller has seen its effect, so it was. */
    synchronized Instant of(String eventId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select processed_at from processed_event where event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("event " + eventId + " is not in the inbox");
                }
                return row.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
