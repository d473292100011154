package io.gatehouse.naming;

import java.util.ArrayList;
import java.util.List;

/**
 * Snowflake identifiers as Gatehouse writes them: always double-quoted, with an embedded {@code "} doubled,
 * so a name is taken verbatim (case included) and can never end the identifier early. Names are the ones
 * Snowflake stores (what SHOW prints): {@code ORDERS}, not {@code orders}, for a table created unquoted.
 *
 * <p>Refused: empty names, names over 255 characters (Snowflake's limit, quoted or not) and control
 * characters (no legitimate name holds them, and they make logs and audit rows ambiguous).
 */
public final class Identifier {

    public static final int MAX_LENGTH = 255;

    private Identifier() {
    }

    /** Checks a name and returns it unchanged; throws {@link InvalidNameException} with the reason. */
    public static String validate(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidNameException(what + " is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidNameException(what + " is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new InvalidNameException(what + " '" + printable(name) + "' contains a control character");
            }
        }
        return name;
    }

    /** {@code "name"} with {@code "} doubled. */
    public static String quote(String name) {
        validate("identifier", name);
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "DB"."SCHEMA"."TABLE"}. */
    public static String qualified(List<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(quote(part));
        }
        return sb.toString();
    }

    /**
     * Splits a qualified name as SHOW prints it ({@code D1.S1.T1}, {@code D1."my schema"."x""y"}): unquoted
     * parts stand as they are, quoted parts are unquoted. Inverse of {@link #qualified} for quoted input.
     */
    public static List<String> parseQualified(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    part.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '.') {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }
}
