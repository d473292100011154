package io.gatehouse.grant.domain;

/** A name Gatehouse cannot represent safely in Snowflake; the event carrying it is refused, never applied. */
public class InvalidNameException extends RuntimeException {

    public InvalidNameException(String message) {
        super(message);
    }
}
