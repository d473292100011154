package io.gatehouse.events;

import java.util.List;

/**
 * A record that cannot be taken as an event: unknown type, broken envelope or a body that violates its
 * schema. The message names every offending field; nothing of such a record is applied.
 */
public class InvalidEventException extends RuntimeException {

    private final List<String> violations;

    public InvalidEventException(String summary, List<String> violations) {
        super(violations.isEmpty() ? summary : summary + ": " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidEventException(String message) {
        this(message, List.of());
    }

    public List<String> violations() {
        return violations;
    }
}
