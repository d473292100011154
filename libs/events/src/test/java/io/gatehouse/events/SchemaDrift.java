package io.gatehouse.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Compares a record with its JSON Schema: same fields, same required set, compatible JSON types, same enum values. */
final class SchemaDrift {

    private SchemaDrift() {
    }

    static List<String> differences(Class<?> recordType, JsonNode schema) {
        List<String> out = new ArrayList<>();
        JsonNode properties = schema.path("properties");
        Set<String> schemaFields = new TreeSet<>();
        properties.fieldNames().forEachRemaining(schemaFields::add);
        Set<String> recordFields = Arrays.stream(recordType.getRecordComponents())
                .map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new));
        diff(out, "in the record, not the schema", recordFields, schemaFields);
        diff(out, "in the schema, not the record", schemaFields, recordFields);

        Set<String> schemaRequired = new TreeSet<>();
        schema.path("required").forEach(n -> schemaRequired.add(n.asText()));
        Set<String> recordRequired = Arrays.stream(recordType.getRecordComponents())
                .filter(c -> !c.isAnnotationPresent(OptionalField.class))
                .map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new));
        if (!schemaRequired.equals(recordRequired)) {
            out.add(recordType.getSimpleName() + ": required differs, record " + recordRequired + " schema " + schemaRequired);
        }

        for (RecordComponent c : recordType.getRecordComponents()) {
            JsonNode property = properties.get(c.getName());
            if (property == null) {
                continue;
            }
            String expected = jsonType(c.getGenericType());
            Set<String> declared = new TreeSet<>();
            JsonNode type = property.path("type");
            if (type.isArray()) {
                type.forEach(t -> declared.add(t.asText()));
            } else {
                declared.add(type.asText());
            }
            declared.remove("null");
            if (!declared.equals(Set.of(expected))) {
                out.add(recordType.getSimpleName() + "." + c.getName() + ": record type " + expected + ", schema " + declared);
            }
            if (c.isAnnotationPresent(OptionalField.class) != property.path("type").toString().contains("null")) {
                out.add(recordType.getSimpleName() + "." + c.getName() + ": nullability differs");
            }
            if (c.getType().isEnum()) {
                Set<String> constants = Arrays.stream(c.getType().getEnumConstants()).map(Object::toString)
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<String> schemaEnum = new TreeSet<>();
                property.path("enum").forEach(n -> schemaEnum.add(n.asText()));
                if (!constants.equals(schemaEnum)) {
                    out.add(recordType.getSimpleName() + "." + c.getName() + ": enum " + constants + " vs schema " + schemaEnum);
                }
            }
            if (c.getType().isRecord()) {
                differences(c.getType(), property).forEach(d -> out.add(recordType.getSimpleName() + "." + c.getName() + " > " + d));
            }
        }
        return out;
    }

    private static void diff(List<String> out, String what, Set<String> a, Set<String> b) {
        Set<String> only = new TreeSet<>(a);
        only.removeAll(b);
        if (!only.isEmpty()) {
            out.add("fields " + what + ": " + only);
        }
    }

    private static String jsonType(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class || raw == Instant.class || raw.isEnum()) {
            return "string";
        }
        if (List.class.isAssignableFrom(raw)) {
            return "array";
        }
        if (Map.class.isAssignableFrom(raw) || raw.isRecord()) {
            return "object";
        }
        if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            return "integer";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        throw new IllegalArgumentException("no JSON type rule for " + type);
    }
}
