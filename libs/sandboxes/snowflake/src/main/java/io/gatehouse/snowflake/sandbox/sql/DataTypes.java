package io.gatehouse.snowflake.sandbox.sql;

import io.gatehouse.snowflake.sandbox.SqlException;
import java.util.Set;

/**
 * The column data types the sandbox keeps (Snowflake's data-types-numeric and data-types-text): NUMBER and its
 * synonyms, FLOAT and its synonyms, VARCHAR and its synonyms. Any other type (DATE, TIMESTAMP, BOOLEAN, VARIANT, ...)
 * is refused as unsupported rather than reported with the wrong result metadata.
 */
final class DataTypes {

    /** Synonymous with NUMBER(38, 0) and take no precision (data-types-numeric). */
    private static final Set<String> INTEGERS = Set.of("INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT");
    private static final Set<String> NUMBERS = Set.of("NUMBER", "DECIMAL", "DEC", "NUMERIC");
    private static final Set<String> FLOATS = Set.of("FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "REAL");
    private static final Set<String> VARCHARS = Set.of("VARCHAR", "STRING", "TEXT", "NVARCHAR", "NVARCHAR2");
    /** CHAR and its synonyms default to a length of 1; CHAR VARYING is a VARCHAR. */
    private static final Set<String> CHARS = Set.of("CHAR", "CHARACTER", "NCHAR");

    private DataTypes() {
    }

    /** Reads {@code type [(n [, m])] [options]} after a column's name; of the options only NOT NULL matters. */
    static ColumnDefinition column(String name, TokenStream in) {
        Token type = in.next();
        if (type.type() != TokenType.WORD) {
            throw TokenStream.unexpectedAt(type);
        }
        String t = type.value();
        ColumnDefinition column;
        if (INTEGERS.contains(t)) {
            column = ColumnDefinition.number(name, 38, 0, true);
        } else if (NUMBERS.contains(t)) {
            Integer precision = size(in);
            Integer scale = precision != null && in.acceptSymbol(",") ? number(in) : null;
            if (precision != null) {
                in.expectSymbol(")");
            }
            column = ColumnDefinition.number(name, precision == null ? 38 : precision, scale == null ? 0 : scale, true);
        } else if (FLOATS.contains(t)) {
            if (t.equals("DOUBLE")) {
                in.acceptWord("PRECISION");
            }
            column = ColumnDefinition.real(name, true);
        } else if (VARCHARS.contains(t) || CHARS.contains(t)) {
            boolean varying = VARCHARS.contains(t) || in.acceptWord("VARYING");
            Integer length = size(in);
            if (length != null) {
                in.expectSymbol(")");
            }
            long fallback = varying ? ColumnDefinition.MAX_LENGTH : 1;
            column = ColumnDefinition.text(name, length == null ? fallback : length, true);
        } else {
            throw SqlException.unsupported("column type " + t + " (the sandbox keeps NUMBER, FLOAT and VARCHAR"
                    + " and their synonyms)");
        }
        return notNull(column, in);
    }

    /** The first number of a {@code (n ...} size, or null without parentheses. */
    private static Integer size(TokenStream in) {
        return in.acceptSymbol("(") ? number(in) : null;
    }

    private static int number(TokenStream in) {
        Token n = in.next();
        if (n.type() != TokenType.NUMBER) {
            throw TokenStream.unexpectedAt(n);
        }
        return Integer.parseInt(n.value());
    }

    /** Skips DEFAULT, COMMENT, PRIMARY KEY and the like up to the next column; NOT NULL makes it not nullable. */
    private static ColumnDefinition notNull(ColumnDefinition column, TokenStream in) {
        boolean nullable = column.nullable();
        int depth = 0;
        while (!(depth == 0 && (in.peek().isSymbol(",") || in.peek().isSymbol(")")))) {
            if (depth == 0 && in.acceptWords("NOT", "NULL")) {
                nullable = false;
                continue;
            }
            Token t = in.next();
            if (t.type() == TokenType.END) {
                throw TokenStream.unexpectedAt(t);
            }
            depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
        }
        return new ColumnDefinition(column.name(), column.type(), column.precision(), column.scale(), column.length(),
                nullable);
    }
}
