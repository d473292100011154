package io.gatehouse.identity.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PATCH operations applied to a stored resource document (a user's attributes), as RFC 7644 3.5.2 defines add, replace
 * and remove: on a simple attribute, a complex one, a multi-valued one and elements of it chosen by a value filter.
 * Server-owned attributes ({@code id}, {@code meta}, {@code groups}) are refused with {@code mutability}.
 */
public final class DocumentPatch {

    private static final Set<String> READ_ONLY = Set.of("id", "meta", "groups");

    private DocumentPatch() {
    }

    public static void apply(ObjectNode document, List<PatchOperation> operations) {
        for (PatchOperation operation : operations) {
            if (operation.path() == null) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = operation.value().fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (isSchema(field.getKey()) && field.getValue().isObject()) {
                        // {"urn:...:enterprise:2.0:User": {"department": "x"}}: the attributes of an extension.
                        String urn = isCore(field.getKey()) ? null : field.getKey();
                        field.getValue().fields().forEachRemaining(inner -> apply(document, operation.op(),
                                new AttributePath(urn, inner.getKey(), null, null), inner.getValue()));
                        continue;
                    }
                    apply(document, operation.op(), AttributePath.parse(field.getKey()), field.getValue());
                }
            } else {
                apply(document, operation.op(), operation.path(), operation.value());
            }
        }
    }

    private static boolean isSchema(String key) {
        return isCore(key) || key.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER);
    }

    private static boolean isCore(String key) {
        return key.equalsIgnoreCase(ScimSchemas.USER) || key.equalsIgnoreCase(ScimSchemas.GROUP);
    }

    private static void apply(ObjectNode document, PatchOperation.Op op, AttributePath path, JsonNode value) {
        if (path.urn() == null && READ_ONLY.contains(path.attribute().toLowerCase(java.util.Locale.ROOT))) {
            throw ScimProblem.mutability(path.attribute() + " is set by the service and cannot be changed");
        }
        if (path.urn() == null && path.attribute().equalsIgnoreCase("schemas")) {
            return;
        }
        ObjectNode container = path.urn() == null ? document : object(document, path.urn(), op != PatchOperation.Op.REMOVE);
        if (container == null) {
            return;
        }
        if (path.filter() != null) {
            applyFiltered(container, op, path, value);
        } else if (path.subAttribute() != null) {
            ObjectNode parent = object(container, path.attribute(), op != PatchOperation.Op.REMOVE);
            if (parent != null) {
                applyAttribute(parent, op, path.subAttribute(), value);
            }
        } else {
            applyAttribute(container, op, path.attribute(), value);
        }
    }

    private static void applyAttribute(ObjectNode object, PatchOperation.Op op, String name, JsonNode value) {
        String key = ScimAttributes.keyFor(object, name);
        JsonNode existing = object.get(key);
        switch (op) {
            case REMOVE -> {
                if (existing != null && existing.isArray() && value != null && !value.isNull()) {
                    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
                    List<JsonNode> removed = value.isArray() ? toList(value) : List.of(value);
                    existing.forEach(element -> {
                        if (!removed.contains(element)) {
                            kept.add(element);
                        }
                    });
                    object.set(key, kept);
                } else {
                    object.remove(key);
                }
            }
            case REPLACE -> object.set(key, value);
            case ADD -> {
                if (existing != null && existing.isArray()) {
                    ArrayNode array = (ArrayNode) existing;
                    for (JsonNode element : value.isArray() ? toList(value) : List.of(value)) {
                        if (!toList(array).contains(element)) {
                            array.add(element);
                        }
                    }
                } else if (existing != null && existing.isObject() && value.isObject()) {
                    ((ObjectNode) existing).setAll((ObjectNode) value);
                } else {
                    object.set(key, value);
                }
            }
        }
    }

    private static void applyFiltered(ObjectNode container, PatchOperation.Op op, AttributePath path, JsonNode value) {
        String key = ScimAttributes.keyFor(container, path.attribute());
        JsonNode existing = container.get(key);
        if (existing != null && !existing.isArray()) {
            throw ScimProblem.invalidPath(path.attribute() + " is not multi-valued: it takes no filter");
        }
        ArrayNode array = existing == null ? container.arrayNode() : (ArrayNode) existing;
        List<ObjectNode> matches = new ArrayList<>();
        for (JsonNode element : array) {
            if (element.isObject() && matches(element, path.filter())) {
                matches.add((ObjectNode) element);
            }
        }
        if (op == PatchOperation.Op.REMOVE) {
            if (path.subAttribute() == null) {
                for (Iterator<JsonNode> elements = array.elements(); elements.hasNext(); ) {
                    if (matches.contains(elements.next())) {
                        elements.remove();
                    }
                }
            } else {
                matches.forEach(match -> ScimAttributes.remove(match, path.subAttribute()));
            }
            return;
        }
        if (matches.isEmpty()) {
            // Entra ID adds a work e-mail with "emails[type eq \"work\"].value": the element is made from the filter.
            ObjectNode created = container.objectNode();
            for (ScimFilter.Comparison term : path.filter().terms()) {
                created.set(term.attribute().substring(term.attribute().lastIndexOf('.') + 1), term.value());
            }
            matches.add(created);
            array.add(created);
            container.set(key, array);
        }
        for (ObjectNode match : matches) {
            if (path.subAttribute() != null) {
                match.set(ScimAttributes.keyFor(match, path.subAttribute()), value);
            } else if (value.isObject()) {
                match.setAll((ObjectNode) value);
            } else {
                throw ScimProblem.invalidValue("a value for " + path.attribute() + "[...] is an object");
            }
        }
    }

    private static boolean matches(JsonNode element, ScimFilter filter) {
        for (ScimFilter.Comparison term : filter.terms()) {
            String name = term.attribute().substring(term.attribute().lastIndexOf('.') + 1);
            JsonNode actual = ScimAttributes.get(element, name);
            boolean equal = actual != null && (term.value().isTextual() && actual.isTextual()
                    ? actual.asText().equalsIgnoreCase(term.value().asText())
                    : actual.equals(term.value()));
            if (!equal) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode object(ObjectNode parent, String name, boolean create) {
        String key = ScimAttributes.keyFor(parent, name);
        JsonNode child = parent.get(key);
        if (child != null && child.isObject()) {
            return (ObjectNode) child;
        }
        if (child != null && !child.isNull()) {
            throw ScimProblem.invalidPath(name + " is not a complex attribute");
        }
        return create ? parent.putObject(key) : null;
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
