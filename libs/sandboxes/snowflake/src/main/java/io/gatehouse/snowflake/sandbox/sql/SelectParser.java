package io.gatehouse.snowflake.sandbox.sql;

import io.gatehouse.snowflake.sandbox.SqlException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SELECT forms of the subset, as clients commonly write them:
 * <ul>
 * <li>without FROM, a list of context functions and literals ({@code SELECT CURRENT_ROLE(), 1 AS X});</li>
 * <li>with FROM one table: {@code *}, columns or {@code COUNT(*)}, each with an optional alias, then an
 * optional WHERE of column-to-literal comparisons joined by AND / OR, and an optional LIMIT.</li>
 * </ul>
 */
final class SelectParser {

    /** Words that end a select item, so they are never taken as a bare alias. */
    private static final List<String> CLAUSE_WORDS = List.of("FROM", "WHERE", "LIMIT", "AS");

    /** Words that are literals rather than column names. */
    private static final List<String> LITERAL_WORDS = List.of("NULL", "TRUE", "FALSE");

    private final TokenStream in;

    SelectParser(TokenStream in) {
        this.in = in;
    }

    Statement parse() {
        List<Object> items = new ArrayList<>();
        do {
            items.add(item());
        } while (in.acceptSymbol(","));
        if (!in.acceptWord("FROM")) {
            in.expectEnd();
            return new Statement.SelectValues(values(items));
        }
        List<SelectColumn> columns = columns(items);
        QualifiedName table = in.qualifiedName(3);
        Condition where = in.acceptWord("WHERE") ? or() : null;
        Long limit = in.acceptWord("LIMIT") ? limit() : null;
        in.expectEnd();
        return new Statement.SelectFrom(table, columns, where, limit);
    }

    /** A select item: {@code *}, {@code COUNT(*)}, a column, a function call or a literal, with its alias. */
    private Object item() {
        Token t = in.peek();
        if (in.acceptSymbol("*")) {
            return new SelectColumn(SelectColumn.Kind.STAR, null, null, t.position());
        }
        if (t.isWord("COUNT") && in.peek(1).isSymbol("(") && in.peek(2).isSymbol("*")) {
            in.next();
            in.next();
            in.next();
            in.expectSymbol(")");
            return new SelectColumn(SelectColumn.Kind.COUNT_STAR, null, alias(), t.position());
        }
        if (t.isIdentifier() && in.peek(1).isSymbol("(")) {
            in.next();
            in.next();
            in.expectSymbol(")");
            String label = alias();
            return new Statement.SelectItem(t.value(), null, label != null ? label : t.value() + "()");
        }
        if (t.type() == TokenType.QUOTED || t.type() == TokenType.WORD && !LITERAL_WORDS.contains(t.value())) {
            String column = in.qualifiedName(4).last();
            return new SelectColumn(SelectColumn.Kind.COLUMN, column, alias(), t.position());
        }
        Object literal = in.literal();
        String label = alias();
        String text = t.type() == TokenType.STRING ? "'" + t.value() + "'" : t.raw();
        return new Statement.SelectItem(null, literal, label != null ? label : text);
    }

    /** {@code AS name} or a bare name that is not the next clause's keyword; null without an alias. */
    private String alias() {
        if (in.acceptWord("AS")) {
            return in.identifier();
        }
        Token t = in.peek();
        if (t.type() == TokenType.QUOTED || t.type() == TokenType.WORD && !CLAUSE_WORDS.contains(t.value())) {
            return in.identifier();
        }
        return null;
    }

    /** Without FROM there is no row to take a column from: Snowflake calls the name an invalid identifier. */
    private static List<Statement.SelectItem> values(List<Object> items) {
        List<Statement.SelectItem> values = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof SelectColumn column) {
                throw column.kind() == SelectColumn.Kind.COLUMN
                        ? SqlException.invalidIdentifier(column.position(), column.column())
                        : SqlException.syntax(column.position(), column.kind() == SelectColumn.Kind.STAR ? "*" : "COUNT");
            }
            values.add((Statement.SelectItem) item);
        }
        return values;
    }

    /**
     * A query over a table takes columns, {@code *} and {@code COUNT(*)}; COUNT(*) beside a column would need
     * GROUP BY, which the subset does not have, so that mix is refused like literals and functions are.
     */
    private static List<SelectColumn> columns(List<Object> items) {
        List<SelectColumn> columns = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof SelectColumn column)) {
                throw SqlException.unsupported("functions or literals in a SELECT with FROM");
            }
            columns.add(column);
        }
        boolean counts = columns.stream().anyMatch(c -> c.kind() == SelectColumn.Kind.COUNT_STAR);
        if (counts && columns.stream().anyMatch(c -> c.kind() != SelectColumn.Kind.COUNT_STAR)) {
            throw SqlException.unsupported("COUNT(*) beside columns (GROUP BY)");
        }
        return columns;
    }

    private Condition or() {
        List<Condition> operands = new ArrayList<>();
        do {
            operands.add(and());
        } while (in.acceptWord("OR"));
        return operands.size() == 1 ? operands.get(0) : new Condition.Or(operands);
    }

    private Condition and() {
        List<Condition> operands = new ArrayList<>();
        do {
            operands.add(primary());
        } while (in.acceptWord("AND"));
        return operands.size() == 1 ? operands.get(0) : new Condition.And(operands);
    }

    private Condition primary() {
        if (in.acceptSymbol("(")) {
            Condition inner = or();
            in.expectSymbol(")");
            return inner;
        }
        Token column = in.peek();
        String name = in.qualifiedName(4).last();
        String op = operator();
        return new Condition.Comparison(name, column.position(), op, in.literal());
    }

    /** The tokenizer yields one-character symbols, so {@code <>}, {@code <=}, {@code >=} and {@code !=} are pairs. */
    private String operator() {
        Token first = in.next();
        if (first.isSymbol("=")) {
            return "=";
        }
        if (first.isSymbol("<") || first.isSymbol(">") || first.isSymbol("!")) {
            Token second = in.peek();
            boolean adjacent = second.position() == first.position() + 1;
            if (adjacent && (second.isSymbol("=") || first.isSymbol("<") && second.isSymbol(">"))) {
                in.next();
                String op = first.value() + second.value();
                return op.equals("!=") ? "<>" : op;
            }
            if (!first.isSymbol("!")) {
                return first.value();
            }
        }
        throw TokenStream.unexpectedAt(first);
    }

    private long limit() {
        Token t = in.next();
        if (t.type() != TokenType.NUMBER || !t.value().matches("\\d+")) {
            throw TokenStream.unexpectedAt(t);
        }
        return Long.parseLong(t.value());
    }
}
