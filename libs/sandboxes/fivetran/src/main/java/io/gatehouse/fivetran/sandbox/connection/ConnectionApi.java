package io.gatehouse.fivetran.sandbox.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.fivetran.sandbox.card.ConnectCardIssuer;
import io.gatehouse.fivetran.sandbox.http.ApiError;
import io.gatehouse.fivetran.sandbox.http.ApiExchange;
import io.gatehouse.fivetran.sandbox.http.Json;
import io.gatehouse.fivetran.sandbox.http.Router;
import io.gatehouse.fivetran.sandbox.sync.SyncSimulator;
import java.io.IOException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/**
 * The connection resources, served under {@code /v1/connections} and the older {@code /v1/connectors}. Messages
 * and not-found codes follow the name the caller used ("Connection has been created" vs "Connector has been created").
 */
public final class ConnectionApi {
    /** PATCH fields that only steer setup tests and cannot make up an update on their own. */
    private static final Set<String> NON_PERSISTENT = Set.of("run_setup_tests", "trust_certificates", "trust_fingerprints");

    private final ConnectionStore store;
    private final ConnectCardIssuer cards;
    private final SyncSimulator sync;
    private final SetupTester setupTester;
    private final Clock clock;

    public ConnectionApi(ConnectionStore store, ConnectCardIssuer cards, SyncSimulator sync, SetupTester setupTester, Clock clock) {
        this.store = store;
        this.cards = cards;
        this.sync = sync;
        this.setupTester = setupTester;
        this.clock = clock;
    }

    public void routes(Router router) {
        router.on("POST", "/v1/{c}", this::create);
        router.on("GET", "/v1/{c}", (ex, m) -> list(ex, ex.query().get("group_id")));
        router.on("GET", "/v1/groups/([^/]+)/{c}", (ex, m) -> {
            if (!store.hasGroup(m.group(1))) {
                throw ApiError.notFound("NotFound_Group", "Group with id '" + m.group(1) + "' doesn't exist");
            }
            list(ex, m.group(1));
        });
        router.on("GET", "/v1/{c}/([^/]+)", this::details);
        router.on("PATCH", "/v1/{c}/([^/]+)", this::update);
        router.on("DELETE", "/v1/{c}/([^/]+)", this::delete);
        router.on("POST", "/v1/{c}/([^/]+)/connect-card", this::connectCard);
        router.on("POST", "/v1/{c}/([^/]+)/(?:sync|force)", this::syncNow);
        router.on("GET", "/v1/{c}/([^/]+)/schemas", this::schemas);
        router.on("POST", "/v1/{c}/([^/]+)/schemas/reload", this::reloadSchemas);
    }

    private void create(ApiExchange ex, Matcher m) throws IOException {
        ObjectNode body = ex.jsonBody();
        String groupId = requiredText(body, "group_id");
        String service = requiredText(body, "service");
        if (!store.catalog().knows(service)) throw ApiError.invalidInput("Unsupported service '" + service + "'");
        if (!store.hasGroup(groupId)) throw ApiError.notFound("NotFound", "Destination with id " + groupId + " not found");
        ObjectNode config = body.get("config") instanceof ObjectNode given ? given.deepCopy() : Json.object();
        String schema = firstText(config, "schema", "schema_prefix");
        if (schema == null) throw ApiError.invalidInput("Field 'schema' is required");
        JsonNode card = body.get("connect_card_config");
        String redirectUri = card == null ? null : redirectUri(card);
        boolean legacy = legacy(ex);
        Connection c;
        synchronized (store) {
            if (store.schemaTaken(groupId, schema)) {
                throw new ApiError(409, "Conflict", "A connection with schema '" + schema + "' already exists in group '" + groupId + "'");
            }
            c = new Connection(newId(), groupId, service, schema, clock.instant(), config);
            c.paused = body.path("paused").asBoolean(false);
            c.syncState = c.paused ? "paused" : "scheduled";
            if (body.hasNonNull("sync_frequency")) c.syncFrequency = body.get("sync_frequency").asInt();
            if (body.hasNonNull("schedule_type")) c.scheduleType = body.get("schedule_type").asText();
            if (redirectUri != null) {
                cards.issue(c, redirectUri, card.path("hide_setup_guide").asBoolean(false), card.path("all_fields").asBoolean(false));
            }
            store.add(c);
            if (body.path("run_setup_tests").asBoolean(true)) {
                setupTester.run(c, firstText(config, "password", "credential"));
                sync.startIfDue(c);
            }
            ex.respondJson(201, Json.success(noun(legacy) + " has been created", ConnectionJson.details(c, true)));
        }
    }

    private void list(ApiExchange ex, String groupId) throws IOException {
        Map<String, String> query = ex.query();
        String schema = query.get("schema");
        int limit = limit(query.get("limit"));
        Predicate<Connection> filter = c -> (groupId == null || c.groupId.equals(groupId))
                && (schema == null || c.schema.equals(schema)); // Fivetran: no partial matches
        synchronized (store) {
            ConnectionStore.Page page = store.page(filter, query.get("cursor"), limit);
            ObjectNode data = Json.object();
            var items = data.putArray("items");
            page.items().forEach(c -> items.add(ConnectionJson.details(c, false)));
            if (page.nextCursor() == null) data.putNull("next_cursor"); else data.put("next_cursor", page.nextCursor());
            ex.respondJson(200, Json.success(null, data));
        }
    }

    private void details(ApiExchange ex, Matcher m) throws IOException {
        synchronized (store) {
            Connection c = store.require(m.group(1), legacy(ex));
            ex.respondJson(200, Json.success(noun(legacy(ex)) + " details retrieved successfully", ConnectionJson.details(c, true)));
        }
    }

    private void update(ApiExchange ex, Matcher m) throws IOException {
        ObjectNode body = ex.jsonBody();
        synchronized (store) {
            Connection c = store.require(m.group(1), legacy(ex));
            boolean persistent = false;
            for (var names = body.fieldNames(); names.hasNext(); ) persistent |= !NON_PERSISTENT.contains(names.next());
            if (!persistent) throw ApiError.invalidInput("At least one persistent configuration parameter is required");
            if (body.get("config") instanceof ObjectNode config) {
                String schema = firstText(config, "schema", "schema_prefix");
                if (schema != null && !schema.equals(c.schema)) throw ApiError.invalidInput("Field 'schema' cannot be changed");
                c.config.setAll(config);
            }
            if (body.hasNonNull("sync_frequency")) c.syncFrequency = body.get("sync_frequency").asInt();
            if (body.hasNonNull("schedule_type")) c.scheduleType = body.get("schedule_type").asText();
            if (body.has("paused")) {
                c.paused = body.get("paused").asBoolean();
                if (!c.syncing) c.syncState = c.paused ? "paused" : "scheduled";
            }
            if (body.path("run_setup_tests").asBoolean(false)) {
                setupTester.run(c, firstText(c.config, "password", "credential"));
            }
            sync.startIfDue(c);
            ex.respondJson(200, Json.success(noun(legacy(ex)) + " has been updated", ConnectionJson.details(c, true)));
        }
    }

    private void delete(ApiExchange ex, Matcher m) throws IOException {
        synchronized (store) {
            store.require(m.group(1), legacy(ex));
            store.remove(m.group(1));
        }
        ex.respondJson(200, Json.success(noun(legacy(ex)) + " has been deleted", null));
    }

    private void connectCard(ApiExchange ex, Matcher m) throws IOException {
        ObjectNode body = ex.jsonBody();
        JsonNode card = body.get("connect_card_config");
        if (card == null || !card.isObject()) throw ApiError.invalidInput("Field 'connect_card_config' is required");
        String redirectUri = redirectUri(card);
        synchronized (store) {
            Connection c = store.require(m.group(1), legacy(ex));
            cards.issue(c, redirectUri, card.path("hide_setup_guide").asBoolean(false), card.path("all_fields").asBoolean(false));
            ex.respondJson(200, Json.success(noun(legacy(ex)) + " Connect Card has been created", ConnectionJson.connectCard(c)));
        }
    }

    private void syncNow(ApiExchange ex, Matcher m) throws IOException {
        synchronized (store) {
            Connection c = store.require(m.group(1), legacy(ex));
            requireConnected(c);
            sync.start(c);
        }
        ex.respondJson(200, Json.success("Sync has been successfully triggered for connection with id '" + m.group(1) + "'", null));
    }

    private void schemas(ApiExchange ex, Matcher m) throws IOException {
        synchronized (store) {
            Connection c = store.require(m.group(1), legacy(ex));
            if (c.schemaConfig == null) {
                throw ApiError.notFound("NotFound_SchemaConfig", "Connection with id '" + c.id + "' doesn't have schema config");
            }
            ex.respondJson(200, Json.success(null, ConnectionJson.schemaConfig(c)));
        }
    }

    private void reloadSchemas(ApiExchange ex, Matcher m) throws IOException {
        synchronized (store) {
            Connection c = store.require(m.group(1), legacy(ex));
            requireConnected(c);
            c.schemaConfig = sync.discover(c);
            ex.respondJson(200, Json.success(null, ConnectionJson.schemaConfig(c)));
        }
    }

    private static void requireConnected(Connection c) {
        if (!c.connected()) {
            throw ApiError.invalidInput("We expected the connector's setup state ('status.setup_state') to be 'connected', but it was '"
                    + c.setupState + "'. Please configure the connector and perform the setup tests.");
        }
    }

    private static String redirectUri(JsonNode card) {
        String uri = card.path("redirect_uri").asText("");
        if (uri.isEmpty()) throw ApiError.invalidInput("Field 'redirect_uri' is required");
        if (!uri.startsWith("https://") && !uri.startsWith("http://")) {
            throw ApiError.invalidInput("Field 'redirect_uri' must start with the https or http prefix");
        }
        return uri;
    }

    private static int limit(String value) {
        if (value == null) return 100;
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= 1000) return limit;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiError.invalidInput("Parameter 'limit' must be between 1 and 1000");
    }

    private static boolean legacy(ApiExchange ex) { return ex.path().contains("/connectors"); }

    private static String noun(boolean legacy) { return legacy ? "Connector" : "Connection"; }

    private static String requiredText(ObjectNode body, String field) {
        String value = firstText(body, field);
        if (value == null) throw ApiError.invalidInput("Field '" + field + "' is required");
        return value;
    }

    static String firstText(ObjectNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && value.isValueNode() && !value.asText().isEmpty()) return value.asText();
        }
        return null;
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
