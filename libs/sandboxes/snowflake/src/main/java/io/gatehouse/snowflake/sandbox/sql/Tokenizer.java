package io.gatehouse.snowflake.sandbox.sql;

import io.gatehouse.snowflake.sandbox.SqlException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL into tokens following Snowflake's identifier rules
 * (docs.snowflake.com/en/sql-reference/identifiers-syntax): unquoted identifiers start with a letter
 * or underscore, contain letters, digits, underscores and dollar signs, and resolve in upper case;
 * double-quoted identifiers keep their case and any character, {@code ""} standing for one quote.
 * Bind variables ({@code ?}) are replaced by the values the driver sent with the statement.
 */
public final class Tokenizer {

    private final String sql;
    private final List<String> bindings;
    private int pos;
    private int nextBinding;

    private Tokenizer(String sql, List<String> bindings) {
        this.sql = sql;
        this.bindings = bindings;
    }

    public static List<Token> tokenize(String sql) {
        return tokenize(sql, List.of());
    }

    public static List<Token> tokenize(String sql, List<String> bindings) {
        return new Tokenizer(sql, bindings).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= sql.length()) {
                tokens.add(new Token(TokenType.END, "", "", pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = sql.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            while (pos < sql.length() && isIdentifierPart(sql.charAt(pos))) {
                pos++;
            }
            String raw = sql.substring(start, pos);
            return new Token(TokenType.WORD, raw.toUpperCase(java.util.Locale.ROOT), raw, start);
        }
        if (c == '"') {
            return quoted(start);
        }
        if (c == '\'') {
            return string(start);
        }
        if (Character.isDigit(c) || (c == '-' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1)))) {
            pos++;
            while (pos < sql.length() && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                pos++;
            }
            String raw = sql.substring(start, pos);
            return new Token(TokenType.NUMBER, raw, raw, start);
        }
        if (c == '?') {
            pos++;
            if (nextBinding >= bindings.size()) {
                throw SqlException.syntax(start, "?");
            }
            String value = bindings.get(nextBinding++);
            return new Token(TokenType.STRING, value, "?", start);
        }
        pos++;
        return new Token(TokenType.SYMBOL, String.valueOf(c), String.valueOf(c), start);
    }

    private Token quoted(int start) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= sql.length()) {
                throw SqlException.syntax(start, sql.substring(start));
            }
            char c = sql.charAt(pos++);
            if (c == '"') {
                if (pos < sql.length() && sql.charAt(pos) == '"') {
                    value.append('"');
                    pos++;
                } else {
                    break;
                }
            } else {
                value.append(c);
            }
        }
        if (value.length() == 0 || value.length() > 255) {
            // Snowflake: an identifier has 1 to 255 characters, quoted or not.
            throw SqlException.syntax(start, sql.substring(start, pos));
        }
        return new Token(TokenType.QUOTED, value.toString(), sql.substring(start, pos), start);
    }

    private Token string(int start) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= sql.length()) {
                throw SqlException.syntax(start, sql.substring(start));
            }
            char c = sql.charAt(pos++);
            if (c == '\\' && pos < sql.length()) {
                value.append(sql.charAt(pos++));
            } else if (c == '\'') {
                if (pos < sql.length() && sql.charAt(pos) == '\'') {
                    value.append('\'');
                    pos++;
                } else {
                    break;
                }
            } else {
                value.append(c);
            }
        }
        return new Token(TokenType.STRING, value.toString(), sql.substring(start, pos), start);
    }

    private void skipSpaceAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (sql.startsWith("--", pos) || sql.startsWith("//", pos)) {
                while (pos < sql.length() && sql.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (sql.startsWith("/*", pos)) {
                int end = sql.indexOf("*/", pos + 2);
                pos = end < 0 ? sql.length() : end + 2;
            } else {
                return;
            }
        }
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
