package io.gatehouse.snowflake.sandbox.sql;

import java.util.List;

/**
 * A possibly partial dotted name as written ({@code t}, {@code s.t}, {@code d.s.t}); parts are already
 * case-normalised by the tokenizer. Missing leading parts are filled from the session's current
 * database and schema when the statement runs.
 */
public record QualifiedName(List<String> parts) {

    public QualifiedName {
        parts = List.copyOf(parts);
    }

    public static QualifiedName of(String... parts) {
        return new QualifiedName(List.of(parts));
    }

    public String last() {
        return parts.get(parts.size() - 1);
    }

    public int size() {
        return parts.size();
    }
}
