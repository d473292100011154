package io.gatehouse.fivetran.sandbox.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.fivetran.sandbox.connection.ConnectionStore;
import io.gatehouse.fivetran.sandbox.http.ApiError;
import io.gatehouse.fivetran.sandbox.http.ApiExchange;
import io.gatehouse.fivetran.sandbox.http.Json;
import io.gatehouse.fivetran.sandbox.http.Router;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * {@code /v1/webhooks}: create (account or group), list, get and delete. Fivetran refuses plain-HTTP URLs; the
 * sandbox does so only when asked ({@code requireHttps}) because local receivers listen on plain HTTP.
 */
public final class WebhookApi {
    private final WebhookRegistry registry;
    private final ConnectionStore connections;
    private final Clock clock;
    private final boolean requireHttps;

    public WebhookApi(WebhookRegistry registry, ConnectionStore connections, Clock clock, boolean requireHttps) {
        this.registry = registry;
        this.connections = connections;
        this.clock = clock;
        this.requireHttps = requireHttps;
    }

    public void routes(Router router) {
        router.on("POST", "/v1/webhooks/account", (ex, m) -> create(ex, "account", null));
        router.on("POST", "/v1/webhooks/group/([^/]+)", (ex, m) -> create(ex, "group", m.group(1)));
        router.on("GET", "/v1/webhooks", this::list);
        router.on("GET", "/v1/webhooks/([^/]+)", (ex, m) -> ex.respondJson(200,
                Json.success(null, render(require(m.group(1))))));
        router.on("DELETE", "/v1/webhooks/([^/]+)", this::delete);
    }

    private void create(ApiExchange ex, String type, String groupId) throws IOException {
        if (groupId != null && !connections.hasGroup(groupId)) {
            throw ApiError.notFound("NotFound_Group", "Group with id '" + groupId + "' doesn't exist");
        }
        ObjectNode body = ex.jsonBody();
        String url = text(body, "url");
        if (url == null) throw ApiError.invalidInput("Field 'url' is required");
        if (!url.startsWith("https://") && (requireHttps || !url.startsWith("http://"))) {
            throw ApiError.invalidInput("Webhook url must be a secure site (https)");
        }
        JsonNode eventsNode = body.get("events");
        if (eventsNode == null || !eventsNode.isArray() || eventsNode.isEmpty()) {
            throw ApiError.invalidInput("Field 'events' is required");
        }
        List<String> events = new ArrayList<>();
        eventsNode.forEach(e -> events.add(e.asText()));
        boolean active = !body.has("active") || body.get("active").asBoolean(true);
        Webhook webhook = new Webhook(UUID.randomUUID().toString().replace("-", "").substring(0, 16), type, groupId, url,
                List.copyOf(events), active, text(body, "secret"), clock.instant());
        registry.add(webhook);
        String message = "group".equals(type) ? "Group webhook has been created" : "Account webhook has been created";
        ex.respondJson(200, Json.success(message, render(webhook)));
    }

    private void list(ApiExchange ex, Matcher m) throws IOException {
        ObjectNode data = Json.object();
        var items = data.putArray("items");
        registry.all().forEach(w -> items.add(render(w)));
        data.putNull("next_cursor");
        ex.respondJson(200, Json.success(null, data));
    }

    private void delete(ApiExchange ex, Matcher m) throws IOException {
        require(m.group(1));
        registry.remove(m.group(1));
        ex.respondJson(200, Json.success("Webhook has been deleted", null));
    }

    private Webhook require(String id) {
        Webhook webhook = registry.find(id);
        if (webhook == null) throw ApiError.notFound("NotFound_Webhook", "Webhook with id '" + id + "' doesn't exist");
        return webhook;
    }

    private static ObjectNode render(Webhook w) {
        ObjectNode node = Json.object().put("id", w.id()).put("type", w.type()).put("url", w.url());
        var events = node.putArray("events");
        w.events().forEach(events::add);
        node.put("active", w.active()).put("secret", "******").put("group_id", w.groupId())
                .put("created_at", w.createdAt().toString()).putNull("created_by");
        return node;
    }

    private static String text(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }
}
