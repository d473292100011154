package io.gatehouse.fivetran.sandbox.sync;

import io.gatehouse.fivetran.sandbox.connection.Connection;
import io.gatehouse.fivetran.sandbox.connection.ConnectionStore;
import io.gatehouse.fivetran.sandbox.http.Json;
import io.gatehouse.fivetran.sandbox.webhook.WebhookDispatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays Fivetran's sync loop: a connected, unpaused connection (or a triggered one) goes to {@code syncing}, sends
 * {@code sync_start}; after the configured duration its schema config exists, it goes back to {@code scheduled}
 * (or {@code paused}) and {@code sync_end} carries SUCCESSFUL or FAILED.
 */
public final class SyncSimulator {
    private final ConnectionStore store;
    private final WebhookDispatcher webhooks;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration duration;
    private final AtomicInteger failuresToPlay = new AtomicInteger();

    public SyncSimulator(ConnectionStore store, WebhookDispatcher webhooks, ScheduledExecutorService scheduler,
                         Clock clock, Duration duration) {
        this.store = store;
        this.webhooks = webhooks;
        this.scheduler = scheduler;
        this.clock = clock;
        this.duration = duration;
    }

    /** The next {@code count} syncs end FAILED (and leave the schema config as it was). */
    public void failNext(int count) { failuresToPlay.addAndGet(count); }

    public void reset() { failuresToPlay.set(0); }

    /** Starts a sync when the connection is connected and unpaused and none runs. Caller holds the store monitor. */
    public void startIfDue(Connection c) {
        if (c.connected() && !c.paused) start(c);
    }

    /** A manual trigger: syncs a connected connection even when it is paused, unless one is already running. */
    public void start(Connection c) {
        if (c.syncing) return;
        c.syncing = true;
        c.syncState = "syncing";
        String syncId = UUID.randomUUID().toString();
        webhooks.publish("sync_start", c.id, c.service, c.schema, c.groupId, syncId, Json.object());
        scheduler.schedule(() -> finish(c.id, syncId), duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void finish(String connectionId, String syncId) {
        Connection c;
        boolean failed = failuresToPlay.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        synchronized (store) {
            c = store.find(connectionId);
            if (c == null) return; // deleted while syncing
            c.syncing = false;
            c.syncState = c.paused ? "paused" : "scheduled";
            if (failed) {
                c.failedAt = clock.instant();
            } else {
                c.succeededAt = clock.instant();
                c.historicalSync = false;
                if (c.schemaConfig == null) {
                    c.schemaConfig = discover(c);
                } else {
                    includeNewTables(c);
                }
            }
        }
        webhooks.publish("sync_end", c.id, c.service, c.schema, c.groupId, syncId,
                Json.object().put("status", failed ? "FAILED" : "SUCCESSFUL"));
    }

    /** ALLOW_ALL: tables that appeared in the source since the last sync are synced and enabled. */
    private void includeNewTables(Connection c) {
        Map<String, Connection.SchemaEntry> next = new LinkedHashMap<>(c.schemaConfig);
        discover(c).forEach((schema, discovered) -> {
            Connection.SchemaEntry known = next.get(schema);
            if (known == null) {
                next.put(schema, discovered);
                return;
            }
            Map<String, Connection.TableEntry> tables = new LinkedHashMap<>(known.tables());
            discovered.tables().forEach(tables::putIfAbsent);
            next.put(schema, new Connection.SchemaEntry(known.nameInDestination(), known.enabled(), tables));
        });
        c.schemaConfig = next;
    }

    /**
     * The schema config a first sync (or a reload) produces from the service catalogue. Destination names follow
     * the connection's naming: {@code schema_prefix} connectors get {@code <prefix>_<source schema>}, single-schema
     * sources get the connection's schema, others {@code <schema>_<source schema>}.
     */
    public Map<String, Connection.SchemaEntry> discover(Connection c) {
        Map<String, List<String>> source = store.catalog().schemasOf(c.service);
        boolean prefixed = c.config.hasNonNull("schema_prefix");
        Map<String, Connection.SchemaEntry> schemas = new LinkedHashMap<>();
        source.forEach((schema, tables) -> {
            String destination = prefixed || source.size() > 1 ? c.schema + "_" + schema : c.schema;
            Map<String, Connection.TableEntry> tableEntries = new LinkedHashMap<>();
            tables.forEach(t -> tableEntries.put(t, new Connection.TableEntry(t.toLowerCase(Locale.ROOT), true)));
            schemas.put(schema, new Connection.SchemaEntry(destination.toLowerCase(Locale.ROOT), true, tableEntries));
        });
        return schemas;
    }
}
