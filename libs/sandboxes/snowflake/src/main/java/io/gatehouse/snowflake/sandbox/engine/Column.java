package io.gatehouse.snowflake.sandbox.engine;

/** A result column: its name (case matters to the driver's getString(name)) and Snowflake type. */
public record Column(String name, String type) {

    public static Column text(String name) {
        return new Column(name, "text");
    }

    public static Column fixed(String name) {
        return new Column(name, "fixed");
    }

    public static Column timestamp(String name) {
        return new Column(name, "timestamp_ltz");
    }
}
