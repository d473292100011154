package io.gatehouse.snowflake.sandbox.sql;

/**
 * One item of the select list of a query with FROM: {@code *}, {@code COUNT(*)} or a column, each with an
 * optional alias ({@code COUNT(*) AS N}, {@code ID X}). {@code position} is where the item stands in the SQL
 * text, for Snowflake's "invalid identifier" error.
 */
public record SelectColumn(Kind kind, String column, String alias, int position) {

    public enum Kind { STAR, COUNT_STAR, COLUMN }

    /** The result column's name: the alias, else what Snowflake prints (the column, or {@code COUNT(*)}). */
    public String label() {
        if (alias != null) {
            return alias;
        }
        return kind == Kind.COUNT_STAR ? "COUNT(*)" : column;
    }
}
