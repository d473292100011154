package io.gatehouse.connector.domain;

/** A table as it lands in Snowflake (schema and table {@code name_in_destination}, as Snowflake stores them). */
public record LandedTable(String schema, String table) {
}
