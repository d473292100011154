package io.gatehouse.snowflake.sandbox.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement's result in the shape of Snowflake's JSON result format: columns, rows of strings (or null)
 * and the statementTypeId that tells the driver whether it is a result set or an update count.
 */
public record Result(List<Column> columns, List<List<String>> rows, long statementTypeId) {

    public static final long SELECT = 0x1000;
    public static final long INSERT = 0x3100;
    public static final long ALTER_SESSION = 0x4100;
    public static final long USE = 0x4300;
    public static final long SHOW = 0x4400;
    public static final long DESCRIBE = 0x4500;
    public static final long DDL = 0x6100;

    /** A one-row {@code status} result, as Snowflake answers DDL, GRANT and USE. */
    public static Result status(String message, long statementTypeId) {
        return new Result(List.of(Column.text("status")), List.of(List.of(message)), statementTypeId);
    }

    public static Result ddl(String message) {
        return status(message, DDL);
    }

    /** Timestamps are sent as epoch seconds with a fraction, as the driver expects for timestamp_ltz. */
    public static String timestamp(long epochMillis) {
        return BigDecimal.valueOf(epochMillis, 3).toPlainString();
    }

    /** Converts a stored value to its wire text: numbers in plain notation, null stays null. */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }

    /** Builds rows column by column for the SHOW executors. */
    public static final class Builder {
        private final List<Column> columns;
        private final List<List<String>> rows = new ArrayList<>();

        public Builder(List<Column> columns) {
            this.columns = columns;
        }

        public Builder row(Object... values) {
            List<String> row = new ArrayList<>();
            for (Object v : values) {
                row.add(text(v));
            }
            rows.add(row);
            return this;
        }

        public Result build(long statementTypeId) {
            return new Result(columns, rows, statementTypeId);
        }
    }
}
