package io.gatehouse.identity.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One operation of a SCIM PATCH (RFC 7644 3.5.2). The op is read in any case: Microsoft Entra ID sends
 * {@code "Add"}, {@code "Replace"} and {@code "Remove"}.
 */
public record PatchOperation(Op op, AttributePath path, JsonNode value) {

    public enum Op { ADD, REPLACE, REMOVE }

    /** The operations of a PatchOp request body, in order; invalidSyntax or invalidPath when it is not one. */
    public static List<PatchOperation> parseRequest(JsonNode body) {
        JsonNode schemas = ScimAttributes.get(body, "schemas");
        boolean patchOp = false;
        if (schemas != null && schemas.isArray()) {
            for (JsonNode schema : schemas) {
                patchOp |= ScimSchemas.PATCH_OP.equalsIgnoreCase(schema.asText());
            }
        }
        if (!patchOp) {
            throw ScimProblem.invalidSyntax("a PATCH body names the schema " + ScimSchemas.PATCH_OP);
        }
        JsonNode operations = ScimAttributes.get(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimProblem.invalidSyntax("a PATCH body holds a non-empty 'Operations' array");
        }
        List<PatchOperation> parsed = new ArrayList<>();
        for (JsonNode operation : operations) {
            parsed.add(parse(operation));
        }
        return parsed;
    }

    private static PatchOperation parse(JsonNode operation) {
        if (!operation.isObject()) {
            throw ScimProblem.invalidSyntax("each operation is an object");
        }
        JsonNode opNode = ScimAttributes.get(operation, "op");
        Op op;
        try {
            op = Op.valueOf(opNode == null ? "" : opNode.asText().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ScimProblem.invalidSyntax("'op' is add, replace or remove, not " + opNode);
        }
        JsonNode pathNode = ScimAttributes.get(operation, "path");
        AttributePath path = pathNode == null || pathNode.isNull() ? null : AttributePath.parse(pathNode.asText());
        JsonNode value = ScimAttributes.get(operation, "value");
        if (op != Op.REMOVE && (value == null || value.isNull())) {
            throw ScimProblem.invalidValue("a " + op.name().toLowerCase(Locale.ROOT) + " operation needs a value");
        }
        if (path == null && op == Op.REMOVE) {
            throw ScimProblem.noTarget("a remove operation needs a path");
        }
        if (path == null && !value.isObject()) {
            throw ScimProblem.invalidValue("an operation without a path takes an object of attributes as its value");
        }
        return new PatchOperation(op, path, value);
    }
}
