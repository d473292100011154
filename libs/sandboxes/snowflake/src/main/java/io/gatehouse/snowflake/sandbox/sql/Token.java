package io.gatehouse.snowflake.sandbox.sql;

/** One lexical token; {@code position} is the 0-based offset in the SQL text (used in syntax errors). */
public record Token(TokenType type, String value, String raw, int position) {

    public boolean isWord(String upper) {
        return type == TokenType.WORD && value.equals(upper);
    }

    public boolean isSymbol(String symbol) {
        return type == TokenType.SYMBOL && value.equals(symbol);
    }

    /** An identifier is an unquoted word or a double-quoted name. */
    public boolean isIdentifier() {
        return type == TokenType.WORD || type == TokenType.QUOTED;
    }
}
