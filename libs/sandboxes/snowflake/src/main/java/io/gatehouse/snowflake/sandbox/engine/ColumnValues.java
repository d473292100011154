package io.gatehouse.snowflake.sandbox.engine;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.sql.ColumnDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * An inserted row converted to its columns' types as Snowflake converts on INSERT: a string into a NUMBER or FLOAT
 * column must be a number (100038 otherwise) and a NUMBER is rounded to its scale; a number into a VARCHAR becomes its
 * text; NULL into a NOT NULL column is 100072. What is stored is then what a query reports under that column's type.
 */
final class ColumnValues {

    private ColumnValues() {
    }

    static List<Object> convert(List<ColumnDefinition> columns, List<Object> row) {
        List<Object> out = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            out.add(convert(columns.get(i), row.get(i)));
        }
        return out;
    }

    private static Object convert(ColumnDefinition column, Object value) {
        if (value == null) {
            if (!column.nullable()) {
                throw new SqlException("100072", "22000", "NULL result in a non-nullable column");
            }
            return null;
        }
        return switch (column.type()) {
            case "fixed" -> number(value).setScale(column.scale(), RoundingMode.HALF_UP);
            case "real" -> number(value);
            default -> value instanceof BigDecimal d ? d.toPlainString() : value;
        };
    }

    private static BigDecimal number(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new SqlException("100038", "22018", "Numeric value '" + value + "' is not recognized");
        }
    }
}
