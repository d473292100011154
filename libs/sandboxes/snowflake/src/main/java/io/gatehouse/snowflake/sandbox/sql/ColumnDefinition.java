package io.gatehouse.snowflake.sandbox.sql;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A table column as CREATE TABLE declares it, in the terms Snowflake's JSON result metadata ({@code rowtype}) reports
 * it for a query over the table: {@code type} is the wire type ({@code fixed} for NUMBER and its synonyms, {@code real}
 * for FLOAT and its synonyms, {@code text} for VARCHAR and its synonyms), with NUMBER's precision and scale and the
 * length in characters of a text column. A client converts values by it: snowflake-sdk turns {@code fixed} into a
 * JavaScript number, snowflake-jdbc's getObject into a Long or BigDecimal.
 */
public record ColumnDefinition(String name, String type, Integer precision, Integer scale, Long length,
                               boolean nullable) {

    /** VARCHAR without a length: Snowflake's maximum, 16 MB. */
    public static final long MAX_LENGTH = 16_777_216L;

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ColumnDefinition {
    }

    public static ColumnDefinition number(String name, int precision, int scale, boolean nullable) {
        return new ColumnDefinition(name, "fixed", precision, scale, null, nullable);
    }

    public static ColumnDefinition real(String name, boolean nullable) {
        return new ColumnDefinition(name, "real", null, null, null, nullable);
    }

    public static ColumnDefinition text(String name, long length, boolean nullable) {
        return new ColumnDefinition(name, "text", null, null, length, nullable);
    }

    /**
     * A bare name, as state files written before column types were kept hold a column: a 16 MB VARCHAR, which is what
     * the sandbox reported for every column then.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ColumnDefinition untyped(String name) {
        return text(name, MAX_LENGTH, true);
    }
}
