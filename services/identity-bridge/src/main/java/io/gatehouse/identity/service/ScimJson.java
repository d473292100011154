package io.gatehouse.identity.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.domain.ScimProblem;

/** Stored resource documents and request bodies as JSON trees. */
public final class ScimJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScimJson() {
    }

    /** A request body as an object; invalidSyntax when it is not JSON or not an object. */
    public static ObjectNode body(byte[] body) {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ScimProblem.invalidSyntax("the body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ScimProblem.invalidSyntax("the body cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ScimProblem.invalidSyntax("the body is a JSON object");
        }
        return (ObjectNode) node;
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static ObjectNode read(String stored) {
        try {
            return (ObjectNode) JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document is not JSON", e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
