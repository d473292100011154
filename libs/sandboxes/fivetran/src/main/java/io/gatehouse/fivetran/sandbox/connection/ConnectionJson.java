package io.gatehouse.fivetran.sandbox.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.fivetran.sandbox.http.Json;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** Renders connections in the shape of Fivetran's ConnectorResponseV1 and schema-config responses. */
public final class ConnectionJson {
    private ConnectionJson() {}

    public static ObjectNode details(Connection c, boolean withCard) {
        ObjectNode data = Json.object()
                .put("id", c.id)
                .put("group_id", c.groupId)
                .put("service", c.service)
                .put("service_version", 1)
                .put("schema", c.schema)
                .put("paused", c.paused)
                .put("pause_after_trial", false)
                .putNull("connected_by")
                .put("created_at", c.createdAt.toString())
                .put("sync_frequency", c.syncFrequency)
                .put("schedule_type", c.scheduleType)
                .put("data_delay_sensitivity", "NORMAL")
                .put("networking_method", "Directly");
        putInstant(data, "succeeded_at", c.succeededAt);
        putInstant(data, "failed_at", c.failedAt);
        ObjectNode status = data.putObject("status")
                .put("setup_state", c.setupState)
                .put("sync_state", c.syncState)
                .put("update_state", c.updateState)
                .put("is_historical_sync", c.historicalSync);
        status.putArray("tasks");
        status.putArray("warnings");
        ArrayNode tests = data.putArray("setup_tests");
        c.setupTests.forEach(t -> tests.addObject().put("title", t.title()).put("status", t.status()).put("message", t.message()));
        if (c.redirectUri != null) {
            data.putObject("connect_card_config")
                    .put("redirect_uri", c.redirectUri)
                    .put("hide_setup_guide", c.hideSetupGuide)
                    .put("all_fields", c.allFields);
        }
        if (withCard && c.cardToken != null) {
            data.putObject("connect_card").put("token", c.cardToken).put("uri", c.cardUri);
        }
        data.set("config", masked(c.config));
        return data;
    }

    /** The connect-card response keeps the old field name connector_id, also under /v1/connections. */
    public static ObjectNode connectCard(Connection c) {
        ObjectNode data = Json.object().put("connector_id", c.id);
        data.putObject("connect_card").put("token", c.cardToken).put("uri", c.cardUri);
        data.putObject("connect_card_config")
                .put("redirect_uri", c.redirectUri)
                .put("hide_setup_guide", c.hideSetupGuide)
                .put("all_fields", c.allFields);
        return data;
    }

    public static ObjectNode schemaConfig(Connection c) {
        ObjectNode data = Json.object().put("enable_new_by_default", true).put("schema_change_handling", "ALLOW_ALL");
        ObjectNode schemas = data.putObject("schemas");
        for (Map.Entry<String, Connection.SchemaEntry> schema : c.schemaConfig.entrySet()) {
            ObjectNode s = schemas.putObject(schema.getKey())
                    .put("name_in_destination", schema.getValue().nameInDestination())
                    .put("enabled", schema.getValue().enabled());
            ObjectNode tables = s.putObject("tables");
            schema.getValue().tables().forEach((name, table) -> tables.putObject(name)
                    .put("name_in_destination", table.nameInDestination())
                    .put("enabled", table.enabled())
                    .put("sync_mode", "SOFT_DELETE")
                    .put("supports_columns_config", true)
                    .putObject("enabled_patch_settings").put("allowed", true));
        }
        return data;
    }

    /** Secrets never come back from Fivetran: they read as "******". */
    private static JsonNode masked(ObjectNode config) {
        ObjectNode copy = config.deepCopy();
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.contains("password") || lower.contains("secret") || lower.contains("token") || lower.contains("key")) {
                copy.put(name, "******");
            }
        }
        return copy;
    }

    private static void putInstant(ObjectNode node, String field, Instant value) {
        if (value == null) node.putNull(field); else node.put(field, value.toString());
    }
}
