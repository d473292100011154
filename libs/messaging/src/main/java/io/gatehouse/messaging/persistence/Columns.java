package io.gatehouse.messaging.persistence;

/** What every service does to values before they go into a bounded text column. */
public final class Columns {

    /** Width of the {@code last_error} / {@code error_message} columns of every service. */
    public static final int ERROR_LENGTH = 2000;

    private Columns() {
    }

    /** {@code value} cut to {@code length} characters (null stays null); a column never refuses a long message. */
    public static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    /** An error message cut to {@link #ERROR_LENGTH}. */
    public static String error(String message) {
        return truncate(message, ERROR_LENGTH);
    }
}
