package io.gatehouse.naming;

import io.gatehouse.errors.InvalidInputException;
import java.util.List;

/**
 * A name Gatehouse cannot represent safely in Snowflake; the event carrying it is refused, never applied.
 * Invalid input for the REST API (400): the message names the field, so no separate field entries are listed.
 */
public class InvalidNameException extends InvalidInputException {

    public InvalidNameException(String message) {
        super(message, List.of());
    }
}
