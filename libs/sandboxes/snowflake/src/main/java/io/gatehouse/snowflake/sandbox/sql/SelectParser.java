package io.gatehouse.snowflake.sandbox.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The SELECT forms of the subset: a list of context functions/literals without FROM
 * ({@code SELECT CURRENT_ROLE()}), {@code SELECT * FROM t} and {@code SELECT COUNT(*) FROM t}.
 */
final class SelectParser {

    private final TokenStream in;

    SelectParser(TokenStream in) {
        this.in = in;
    }

    Statement parse() {
        if (in.acceptSymbol("*")) {
            return from(false);
        }
        if (in.peek().isWord("COUNT") && in.peek(1).isSymbol("(") && in.peek(2).isSymbol("*")) {
            in.next();
            in.next();
            in.next();
            in.expectSymbol(")");
            return from(true);
        }
        List<Statement.SelectItem> items = new ArrayList<>();
        do {
            items.add(item());
        } while (in.acceptSymbol(","));
        in.expectEnd();
        return new Statement.SelectValues(items);
    }

    private Statement from(boolean countOnly) {
        in.expectWord("FROM");
        QualifiedName table = in.qualifiedName(3);
        in.expectEnd();
        return new Statement.SelectFrom(table, countOnly);
    }

    private Statement.SelectItem item() {
        Token t = in.peek();
        String function = null;
        Object literal = null;
        String label;
        if (t.type() == TokenType.WORD && in.peek(1).isSymbol("(")) {
            in.next();
            in.next();
            in.expectSymbol(")");
            function = t.value();
            label = t.value() + "()";
        } else if (t.type() == TokenType.STRING) {
            in.next();
            literal = t.value();
            label = "'" + t.value() + "'";
        } else if (t.type() == TokenType.NUMBER) {
            in.next();
            literal = new java.math.BigDecimal(t.value());
            label = t.value();
        } else {
            throw in.unexpected();
        }
        if (in.acceptWord("AS") || in.peek().isIdentifier() && !in.peek().isWord("FROM")) {
            label = in.identifier();
        }
        return new Statement.SelectItem(function, literal, label);
    }
}
