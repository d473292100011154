package io.gatehouse.errors;

/** The thing asked for does not exist. Thrown by use cases; libs/rest answers 404 problem+json. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
