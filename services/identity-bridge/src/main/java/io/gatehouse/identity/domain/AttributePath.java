package io.gatehouse.identity.domain;

import java.util.Locale;

/**
 * A PATCH path (RFC 7644 3.5.2): {@code [schema-urn:]attribute[valueFilter][.subAttribute]}, as in {@code active},
 * {@code name.givenName}, {@code emails[type eq "work"].value}, {@code members[value eq "2819c223"]} or
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber}. The core schemas' URN is dropped
 * ({@code urn} null): their attributes sit at the top of the resource.
 */
public record AttributePath(String urn, String attribute, ScimFilter filter, String subAttribute) {

    public static AttributePath parse(String text) {
        if (text == null || text.isBlank()) {
            throw ScimProblem.invalidPath("the path is empty");
        }
        String path = text.strip();
        String urn = null;
        int bracket = path.indexOf('[');
        int colon = path.lastIndexOf(':', bracket < 0 ? path.length() - 1 : bracket);
        if (path.regionMatches(true, 0, "urn:", 0, 4)) {
            if (colon < 0) {
                throw ScimProblem.invalidPath("'" + text + "' names a schema but no attribute");
            }
            String schema = path.substring(0, colon);
            path = path.substring(colon + 1);
            if (!schema.equalsIgnoreCase(ScimSchemas.USER) && !schema.equalsIgnoreCase(ScimSchemas.GROUP)) {
                urn = schema;
            }
            bracket = path.indexOf('[');
        }
        ScimFilter filter = null;
        String rest = path;
        String sub = null;
        if (bracket >= 0) {
            int close = path.lastIndexOf(']');
            if (close < bracket) {
                throw ScimProblem.invalidPath("'" + text + "' opens a '[' it does not close");
            }
            filter = ScimFilter.parse(path.substring(bracket + 1, close));
            rest = path.substring(0, bracket);
            String after = path.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(".")) {
                    throw ScimProblem.invalidPath("'" + text + "' has '" + after + "' after its filter");
                }
                sub = name(text, after.substring(1));
            }
        } else if (rest.indexOf('.') >= 0) {
            sub = name(text, rest.substring(rest.indexOf('.') + 1));
            rest = rest.substring(0, rest.indexOf('.'));
        }
        return new AttributePath(urn, name(text, rest), filter, sub);
    }

    /** True when the path names {@code attribute} (any case) at the top of the core schema. */
    public boolean is(String name) {
        return urn == null && attribute.equalsIgnoreCase(name);
    }

    private static String name(String text, String name) {
        if (!name.matches("[A-Za-z][A-Za-z0-9_$-]*")) {
            throw ScimProblem.invalidPath("'" + text + "' is not an attribute path: '" + name + "' is not a name");
        }
        return name;
    }

    @Override
    public String toString() {
        return (urn == null ? "" : urn + ":") + attribute + (filter == null ? "" : "[...]")
                + (subAttribute == null ? "" : "." + subAttribute.toLowerCase(Locale.ROOT));
    }
}
