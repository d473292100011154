package io.gatehouse.rest;

import jakarta.validation.Path;

/**
 * The field a Bean Validation violation is about, as a client knows it from its own JSON: {@code owner.email},
 * {@code businesses[1]}, {@code config.port}. The method and parameter nodes Bean Validation puts in front of a
 * request body's own path are dropped, and container elements ({@code <list element>}) show only their index.
 */
public final class FieldPaths {

    private FieldPaths() {
    }

    public static String of(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> {
                    field.setLength(0);
                    continue;
                }
                default -> {
                }
            }
            // A node "in an iterable" is inside the element of the container named before it.
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    field.append(field.length() > 0 ? "." : "").append(node.getKey());
                }
            }
            String name = node.getName();
            if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                field.append(field.length() > 0 ? "." : "").append(name);
            }
        }
        return field.length() == 0 ? "request" : field.toString();
    }
}
