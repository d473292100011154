package io.gatehouse.snowflake.sandbox.sql;

import java.util.List;

/**
 * A WHERE clause of the subset: comparisons of a column to a literal, combined with AND / OR and
 * parentheses. That is what clients write to pick rows by key; expressions between columns are not modelled.
 */
public sealed interface Condition {

    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    /**
     * {@code column op literal}; {@code op} is one of = <> != < > <= >=. {@code position} is where the column
     * name stands in the SQL text, for Snowflake's "invalid identifier" error.
     */
    record Comparison(String column, int position, String op, Object literal) implements Condition {
    }
}
