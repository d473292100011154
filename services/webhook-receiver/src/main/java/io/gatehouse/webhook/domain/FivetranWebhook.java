package io.gatehouse.webhook.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;

/**
 * The fields of a Fivetran webhook body Gatehouse reads ({@code event, created, connector_id, sync_id,
 * destination_group_id, data}); everything else is tolerated and ignored. Parse only bytes whose signature
 * was verified.
 */
public record FivetranWebhook(String event, String created, String connectorId, String groupId, String syncId, JsonNode data) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads a body, or throws {@link InvalidWebhookException} naming what is wrong. */
    public static FivetranWebhook parse(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidWebhookException("body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidWebhookException("body cannot be read");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidWebhookException("body is not a JSON object");
        }
        String event = text(root, "event");
        if (event == null) {
            throw new InvalidWebhookException("'event' is missing");
        }
        // Older payloads named the group 'group_id'.
        String group = text(root, "destination_group_id");
        JsonNode data = root.get("data");
        return new FivetranWebhook(event, text(root, "created"), text(root, "connector_id"),
                group != null ? group : text(root, "group_id"), text(root, "sync_id"),
                data == null || data.isNull() ? MissingNode.getInstance() : data);
    }

    /** A text field of {@code data}, or null. */
    public String dataText(String field) {
        return text(data, field);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }
}
