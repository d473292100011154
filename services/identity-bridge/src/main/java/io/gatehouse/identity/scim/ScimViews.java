package io.gatehouse.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.domain.ScimAttributes;
import io.gatehouse.identity.domain.ScimProblem;
import io.gatehouse.identity.domain.ScimSchemas;
import io.gatehouse.identity.persistence.ScimGroup;
import io.gatehouse.identity.persistence.ScimUser;
import io.gatehouse.identity.service.ETags;
import io.gatehouse.identity.service.ScimJson;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Users, groups, lists and errors as SCIM bodies (RFC 7643 / 7644), with {@code meta.location} under {@code base}. */
final class ScimViews {

    private static final Set<String> ALWAYS_RETURNED = Set.of("id", "schemas");

    private ScimViews() {
    }

    static ObjectNode user(ScimUser user, List<ScimGroup> groups, String base) {
        ObjectNode document = ScimJson.read(user.attributes);
        ObjectNode view = ScimJson.object();
        view.set("schemas", ScimAttributes.get(document, "schemas"));
        view.put("id", user.id);
        document.fields().forEachRemaining(field -> {
            if (!field.getKey().equalsIgnoreCase("schemas")) {
                view.set(field.getKey(), field.getValue());
            }
        });
        ArrayNode memberOf = view.putArray("groups");
        for (ScimGroup group : groups) {
            memberOf.addObject().put("value", group.id).put("display", group.displayName)
                    .put("$ref", base + "/Groups/" + group.id).put("type", "direct");
        }
        view.set("meta", meta("User", user.createdAt, user.updatedAt, base + "/Users/" + user.id, user.version));
        return view;
    }

    static ObjectNode group(ScimGroup group, List<String> memberIds, Map<String, String> userNames, String base) {
        ObjectNode view = ScimJson.object();
        view.putArray("schemas").add(ScimSchemas.GROUP);
        view.put("id", group.id);
        view.put("displayName", group.displayName);
        if (group.externalId != null) {
            view.put("externalId", group.externalId);
        }
        ArrayNode members = view.putArray("members");
        for (String id : memberIds) {
            members.addObject().put("value", id).put("display", userNames.get(id))
                    .put("$ref", base + "/Users/" + id).put("type", "User");
        }
        view.set("meta", meta("Group", group.createdAt, group.updatedAt, base + "/Groups/" + group.id, group.version));
        return view;
    }

    static ObjectNode list(long total, int startIndex, List<ObjectNode> resources) {
        ObjectNode list = ScimJson.object();
        list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        list.put("totalResults", total);
        list.put("startIndex", startIndex);
        list.put("itemsPerPage", resources.size());
        ArrayNode array = list.putArray("Resources");
        resources.forEach(array::add);
        return list;
    }

    static ObjectNode error(int status, String scimType, String detail) {
        ObjectNode error = ScimJson.object();
        error.putArray("schemas").add(ScimSchemas.ERROR);
        error.put("status", String.valueOf(status));
        if (scimType != null) {
            error.put("scimType", scimType);
        }
        error.put("detail", detail);
        return error;
    }

    /**
     * {@code attributes} keeps only the named top-level attributes (and id, schemas); {@code excludedAttributes} drops
     * the named ones (Entra ID reads groups with {@code excludedAttributes=members}). RFC 7644 3.4.2.5.
     */
    static ObjectNode project(ObjectNode resource, String attributes, String excludedAttributes) {
        if (attributes != null && excludedAttributes != null) {
            throw ScimProblem.invalidSyntax("attributes and excludedAttributes cannot be used together");
        }
        if (attributes != null) {
            Set<String> kept = names(attributes);
            for (Iterator<String> keys = resource.fieldNames(); keys.hasNext(); ) {
                String key = keys.next().toLowerCase(Locale.ROOT);
                if (!ALWAYS_RETURNED.contains(key) && !kept.contains(key)) {
                    keys.remove();
                }
            }
        } else if (excludedAttributes != null) {
            Set<String> dropped = names(excludedAttributes);
            for (Iterator<String> keys = resource.fieldNames(); keys.hasNext(); ) {
                String key = keys.next().toLowerCase(Locale.ROOT);
                if (!ALWAYS_RETURNED.contains(key) && dropped.contains(key)) {
                    keys.remove();
                }
            }
        }
        return resource;
    }

    private static Set<String> names(String list) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .map(name -> name.regionMatches(true, 0, "urn:", 0, 4) ? name.substring(name.lastIndexOf(':') + 1) : name)
                .map(name -> name.contains(".") ? name.substring(0, name.indexOf('.')) : name)
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    private static JsonNode meta(String type, Instant created, Instant modified, String location, long version) {
        ObjectNode meta = ScimJson.object();
        meta.put("resourceType", type);
        meta.put("created", created.toString());
        meta.put("lastModified", modified.toString());
        meta.put("location", location);
        meta.put("version", ETags.of(version));
        return meta;
    }
}
