package io.gatehouse.snowflake.sandbox.rbac;

import java.util.regex.Pattern;

/**
 * Renders stored identifiers. Names are stored as resolved (unquoted input upper-cased, quoted input
 * kept); a part is quoted in qualified output only when it could not be written unquoted, with
 * embedded quotes doubled (docs.snowflake.com/en/sql-reference/identifiers-syntax).
 */
public final class Names {

    private static final Pattern PLAIN = Pattern.compile("[A-Z_][A-Z0-9_$]*");

    private Names() {
    }

    public static String quoteIfNeeded(String name) {
        if (PLAIN.matcher(name).matches()) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** SQL LIKE as Snowflake's SHOW ... LIKE applies it: case-insensitive, {@code %} and {@code _}. */
    public static boolean like(String value, String pattern) {
        if (pattern == null) {
            return true;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(value).matches();
    }
}
