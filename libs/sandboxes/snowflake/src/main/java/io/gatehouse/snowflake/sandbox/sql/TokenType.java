package io.gatehouse.snowflake.sandbox.sql;

public enum TokenType {
    /** Unquoted word: keyword or identifier; its value is upper-cased (Snowflake stores unquoted names in upper case). */
    WORD,
    /** Double-quoted identifier; its value is kept exactly, with {@code ""} unescaped to {@code "}. */
    QUOTED,
    /** Single-quoted string literal, {@code ''} and backslash escapes resolved. */
    STRING,
    NUMBER,
    SYMBOL,
    END
}
