package io.gatehouse.snowflake.sandbox.engine;

import io.gatehouse.snowflake.sandbox.rbac.ObjectRef;
import io.gatehouse.snowflake.sandbox.sql.ColumnDefinition;

/**
 * A result column as Snowflake's {@code rowtype} describes it: its name (case matters to the driver's
 * getString(name)), wire type, NUMBER precision and scale, text length, nullability, and the table it was read from
 * (empty for SHOW output and expressions). Clients convert values by it, so a table's NUMBER column must arrive as
 * {@code fixed}: snowflake-sdk then returns a number, not a string.
 */
public record Column(String name, String type, Integer precision, Integer scale, Long length, boolean nullable,
                     String database, String schema, String table) {

    /** A computed column (SHOW output, literals) with the type's widest metadata. */
    public Column(String name, String type) {
        this(name, type, widest(type, 38, 0), widest(type, 0, 3),
                type.equals("text") ? Long.valueOf(ColumnDefinition.MAX_LENGTH) : null, true, "", "", "");
    }

    /** NUMBER(38,0) for fixed; TIMESTAMP_LTZ(3) has precision 0 and scale 3 in rowtype (research, section 4). */
    private static Integer widest(String type, int fixed, int timestamp) {
        return switch (type) {
            case "fixed" -> fixed;
            case "timestamp_ltz" -> timestamp;
            default -> null;
        };
    }

    public static Column text(String name) {
        return new Column(name, "text");
    }

    public static Column fixed(String name) {
        return new Column(name, "fixed");
    }

    public static Column timestamp(String name) {
        return new Column(name, "timestamp_ltz");
    }

    /** COUNT(*) is a NUMBER(18,0) that is never null. */
    public static Column count(String name) {
        return new Column(name, "fixed", 18, 0, null, false, "", "", "");
    }

    /** A table's column read by a query, under {@code label} (its name or an alias). */
    public static Column of(ColumnDefinition column, String label, ObjectRef table) {
        return new Column(label, column.type(), column.precision(), column.scale(), column.length(), column.nullable(),
                table.database(), table.schema(), table.name());
    }

    /**
     * Bytes a text column may take: four per character (UTF-8), at most 16 MB, as Snowflake reports it; null for
     * other types.
     */
    public Long byteLength() {
        return length == null ? null : Math.min(length * 4, ColumnDefinition.MAX_LENGTH);
    }
}
