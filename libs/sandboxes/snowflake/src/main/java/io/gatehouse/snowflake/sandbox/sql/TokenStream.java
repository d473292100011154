package io.gatehouse.snowflake.sandbox.sql;

import io.gatehouse.snowflake.sandbox.SqlException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cursor over tokens with the small helpers the recursive-descent parsers share. */
final class TokenStream {

    private final List<Token> tokens;
    private int index;

    TokenStream(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(index);
        if (t.type() != TokenType.END) {
            index++;
        }
        return t;
    }

    boolean acceptWord(String word) {
        if (peek().isWord(word)) {
            index++;
            return true;
        }
        return false;
    }

    /** Accepts a sequence of words only if all of them follow. */
    boolean acceptWords(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (!peek(i).isWord(words[i])) {
                return false;
            }
        }
        index += words.length;
        return true;
    }

    boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            index++;
            return true;
        }
        return false;
    }

    void expectWord(String word) {
        if (!acceptWord(word)) {
            throw unexpected();
        }
    }

    void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) {
            throw unexpected();
        }
    }

    /** An identifier: unquoted (already upper-cased) or quoted (kept exactly). */
    String identifier() {
        Token t = peek();
        if (!t.isIdentifier()) {
            throw unexpected();
        }
        index++;
        return t.value();
    }

    QualifiedName qualifiedName(int maxParts) {
        List<String> parts = new ArrayList<>();
        parts.add(identifier());
        while (peek().isSymbol(".")) {
            index++;
            parts.add(identifier());
        }
        if (parts.size() > maxParts) {
            throw SqlException.syntax(peek().position(), ".");
        }
        return new QualifiedName(parts);
    }

    /**
     * {@code KEY = value} pairs as in CREATE USER; values are strings, numbers or identifiers. Pairs may be
     * separated by commas, as ALTER USER ... SET is often written.
     */
    Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        while (true) {
            if (!properties.isEmpty() && peek().isSymbol(",") && peek(1).type() == TokenType.WORD
                    && peek(2).isSymbol("=")) {
                next();
            }
            if (!(peek().type() == TokenType.WORD && peek(1).isSymbol("="))) {
                return properties;
            }
            String key = next().value();
            next();
            Token value = next();
            if (value.type() == TokenType.END) {
                throw unexpectedAt(value);
            }
            properties.put(key, value.value());
        }
    }

    /** A literal value: string, number, TRUE / FALSE or NULL. */
    Object literal() {
        Token t = next();
        return switch (t.type()) {
            case STRING -> t.value();
            case NUMBER -> new java.math.BigDecimal(t.value());
            case WORD -> {
                if (t.isWord("NULL")) {
                    yield null;
                }
                if (t.isWord("TRUE") || t.isWord("FALSE")) {
                    yield t.value().equals("TRUE");
                }
                throw unexpectedAt(t);
            }
            default -> throw unexpectedAt(t);
        };
    }

    String stringLiteral() {
        Token t = next();
        if (t.type() != TokenType.STRING) {
            throw unexpectedAt(t);
        }
        return t.value();
    }

    /** {@code IF NOT EXISTS} after CREATE ... KIND. */
    boolean ifNotExists() {
        return acceptWords("IF", "NOT", "EXISTS");
    }

    boolean ifExists() {
        return acceptWords("IF", "EXISTS");
    }

    /** Optional {@code LIKE 'pattern'}. */
    String optionalLike() {
        return acceptWord("LIKE") ? stringLiteral() : null;
    }

    void expectEnd() {
        acceptSymbol(";");
        if (peek().type() != TokenType.END) {
            throw unexpected();
        }
    }

    boolean atEnd() {
        return peek().type() == TokenType.END || peek().isSymbol(";");
    }

    SqlException unexpected() {
        return unexpectedAt(peek());
    }

    static SqlException unexpectedAt(Token t) {
        return SqlException.syntax(t.position(), t.type() == TokenType.END ? "<EOF>" : t.raw());
    }
}
