package io.gatehouse.errors;

/** The request is valid but clashes with the current state. Thrown by use cases; libs/rest answers 409 problem+json. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
