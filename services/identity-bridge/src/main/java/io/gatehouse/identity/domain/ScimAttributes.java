package io.gatehouse.identity.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;

/** Attribute access as SCIM defines it: names are case-insensitive (RFC 7643 2.1), booleans as providers send them. */
public final class ScimAttributes {

    private ScimAttributes() {
    }

    /** The value of {@code name} in {@code object} in any case; null when absent or when {@code object} is no object. */
    public static JsonNode get(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        String key = existingKey(object, name);
        return key == null ? null : object.get(key);
    }

    /** The key {@code object} holds for {@code name} in any case, or null. */
    public static String existingKey(JsonNode object, String name) {
        if (object.has(name)) {
            return name;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }

    /** The key to write {@code name} under: the one already there in any case, else {@code name} itself. */
    public static String keyFor(ObjectNode object, String name) {
        String existing = existingKey(object, name);
        return existing == null ? name : existing;
    }

    /** Removes {@code name} in any case. */
    public static void remove(ObjectNode object, String name) {
        String key = existingKey(object, name);
        if (key != null) {
            object.remove(key);
        }
    }

    /** A string attribute, or null when absent or JSON null; invalidValue when it is not a string. */
    public static String text(JsonNode object, String name) {
        JsonNode node = get(object, name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ScimProblem.invalidValue(name + " must be a string");
        }
        return node.asText();
    }

    /**
     * A boolean attribute. Microsoft Entra ID sends booleans as strings ({@code "active": "False"}) unless told not to,
     * so {@code "true"} and {@code "false"} in any case count too; anything else is invalidValue.
     */
    public static Boolean bool(JsonNode object, String name) {
        JsonNode node = get(object, name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            String text = node.asText().strip().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.valueOf(text);
            }
        }
        throw ScimProblem.invalidValue(name + " must be true or false, not " + node);
    }
}
