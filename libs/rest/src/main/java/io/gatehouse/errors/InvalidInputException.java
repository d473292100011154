package io.gatehouse.errors;

import java.util.List;

/**
 * Input that breaks a rule of the domain (not only its shape): each violation names its field. Thrown by use cases
 * and domain rules; libs/rest answers 400 problem+json with one entry per field.
 */
public class InvalidInputException extends RuntimeException {

    /** One offending field, named as the client sent it ({@code config.password}). */
    public record Violation(String field, String message) {
    }

    private final List<Violation> violations;

    public InvalidInputException(String message, List<Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String field, String message) {
        this(message, List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
