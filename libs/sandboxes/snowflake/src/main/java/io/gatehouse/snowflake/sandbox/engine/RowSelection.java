package io.gatehouse.snowflake.sandbox.engine;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.rbac.ObjectRef;
import io.gatehouse.snowflake.sandbox.sql.ColumnDefinition;
import io.gatehouse.snowflake.sandbox.sql.Condition;
import io.gatehouse.snowflake.sandbox.sql.SelectColumn;
import io.gatehouse.snowflake.sandbox.sql.Statement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates an authorised query over one table's rows: WHERE, then the select list, then LIMIT. Comparisons
 * follow SQL: anything compared with NULL is not true, a number compared with a string converts the string
 * (Snowflake's 100038 when it is not a number), strings compare by code point as with the default collation.
 */
final class RowSelection {

    private final ObjectRef table;
    private final List<ColumnDefinition> tableColumns;
    private final List<String> names;

    RowSelection(ObjectRef table, List<ColumnDefinition> tableColumns) {
        this.table = table;
        this.tableColumns = tableColumns;
        this.names = tableColumns.stream().map(ColumnDefinition::name).toList();
    }

    Result run(Statement.SelectFrom s, List<List<Object>> rows) {
        List<List<Object>> matching = new ArrayList<>();
        for (List<Object> row : rows) {
            if (s.where() == null || test(s.where(), row)) {
                matching.add(row);
            }
        }
        List<Column> columns = new ArrayList<>();
        List<List<String>> out = new ArrayList<>();
        boolean aggregate = s.columns().get(0).kind() == SelectColumn.Kind.COUNT_STAR;
        if (aggregate) {
            List<String> counts = new ArrayList<>();
            for (SelectColumn c : s.columns()) {
                columns.add(Column.count(c.label()));
                counts.add(String.valueOf(matching.size()));
            }
            out.add(counts);
        } else {
            List<Integer> indexes = new ArrayList<>();
            for (SelectColumn c : s.columns()) {
                if (c.kind() == SelectColumn.Kind.STAR) {
                    for (int i = 0; i < tableColumns.size(); i++) {
                        indexes.add(i);
                        columns.add(Column.of(tableColumns.get(i), names.get(i), table));
                    }
                } else {
                    int i = index(c.column(), c.position());
                    indexes.add(i);
                    columns.add(Column.of(tableColumns.get(i), c.label(), table));
                }
            }
            for (List<Object> row : matching) {
                List<String> values = new ArrayList<>();
                for (int i : indexes) {
                    values.add(i < row.size() ? Result.text(row.get(i)) : null);
                }
                out.add(values);
            }
        }
        if (s.limit() != null && out.size() > s.limit()) {
            out = out.subList(0, s.limit().intValue());
        }
        return new Result(columns, out, Result.SELECT);
    }

    private int index(String column, int position) {
        int i = names.indexOf(column);
        if (i < 0) {
            throw SqlException.invalidIdentifier(position, column);
        }
        return i;
    }

    private boolean test(Condition condition, List<Object> row) {
        if (condition instanceof Condition.And and) {
            return and.operands().stream().allMatch(c -> test(c, row));
        }
        if (condition instanceof Condition.Or or) {
            return or.operands().stream().anyMatch(c -> test(c, row));
        }
        Condition.Comparison cmp = (Condition.Comparison) condition;
        int i = index(cmp.column(), cmp.position());
        Object value = i < row.size() ? row.get(i) : null;
        if (value == null || cmp.literal() == null) {
            return false;
        }
        int order = compare(value, cmp.literal());
        return switch (cmp.op()) {
            case "=" -> order == 0;
            case "<>" -> order != 0;
            case "<" -> order < 0;
            case ">" -> order > 0;
            case "<=" -> order <= 0;
            case ">=" -> order >= 0;
            default -> throw new IllegalStateException(cmp.op());
        };
    }

    private static int compare(Object value, Object literal) {
        if (value instanceof BigDecimal || literal instanceof BigDecimal) {
            return number(value).compareTo(number(literal));
        }
        return Result.text(value).compareTo(Result.text(literal));
    }

    private static BigDecimal number(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        try {
            return new BigDecimal(Result.text(v).trim());
        } catch (NumberFormatException e) {
            throw new SqlException("100038", "22018", "Numeric value '" + v + "' is not recognized");
        }
    }
}
