package io.gatehouse.fivetran.sandbox.connection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Mutable state of one connection; guarded by the {@link ConnectionStore} monitor. */
public final class Connection {
    public final String id;
    public final String groupId;
    public final String service;
    public final String schema;
    public final Instant createdAt;
    public final ObjectNode config;

    public boolean paused;
    public String setupState = "incomplete";
    public String syncState;
    public String updateState = "on_schedule";
    public boolean historicalSync = true;
    public boolean syncing;
    public Instant succeededAt;
    public Instant failedAt;
    public int syncFrequency = 360;
    public String scheduleType = "auto";
    public List<SetupTest> setupTests = new ArrayList<>();

    /** The card currently valid for this connection; a new card replaces it. */
    public String redirectUri;
    public boolean hideSetupGuide;
    public boolean allFields;
    public String cardToken;
    public String cardUri;
    public Instant cardIssuedAt;

    /** source schema -> (table -> destination name), null until the first sync or a reload. */
    public Map<String, SchemaEntry> schemaConfig;

    public Connection(String id, String groupId, String service, String schema, Instant createdAt, ObjectNode config) {
        this.id = id;
        this.groupId = groupId;
        this.service = service;
        this.schema = schema;
        this.createdAt = createdAt;
        this.config = config;
    }

    public boolean connected() { return "connected".equals(setupState); }

    public record SetupTest(String title, String status, String message) {}

    public record SchemaEntry(String nameInDestination, boolean enabled, Map<String, TableEntry> tables) {}

    public record TableEntry(String nameInDestination, boolean enabled) {}
}
