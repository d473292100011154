package io.gatehouse.naming;

import java.util.Locale;
import java.util.Set;

/**
 * The documented rule from a business, table group, shared schema or login to a Gatehouse role name:
 * <ol>
 *   <li>the source is upper-cased (Locale.ROOT);</li>
 *   <li>letters A-Z, digits and {@code _} are kept; each of {@code . - @ + space} becomes {@code _};</li>
 *   <li>any other character (quotes, semicolons, non-ASCII letters...) refuses the source;</li>
 *   <li>the result is {@code <prefix><KIND>_<MAPPED>} ({@code GH_USER_}, {@code GH_TG_}, {@code GH_TG_..._WRITE},
 *       {@code GH_BIZ_..._PUBLIC}, {@code GH_SS_<DB>_<SCHEMA>}) and must stay within 255 characters.</li>
 * </ol>
 * So every role name is a plain unquoted-style identifier (it is still always quoted when used). The mapping
 * is not injective ({@code a.b} and {@code a_b} both give {@code A_B}): the grant-service keeps a registry of
 * which source owns which name and refuses the second source, never merging the two.
 */
public final class RoleNames {

    /** Roles Gatehouse never creates, grants to, revokes from or drops (it only grants its roles up to one). */
    public static final Set<String> SYSTEM_ROLES = Set.of("ACCOUNTADMIN", "ORGADMIN", "SECURITYADMIN", "SYSADMIN",
            "USERADMIN", "PUBLIC", "GLOBALORGADMIN");

    private final String prefix;

    public RoleNames(String prefix) {
        if (prefix == null || !prefix.matches("[A-Z][A-Z0-9_]{0,31}")) {
            throw new IllegalArgumentException("managed prefix must be upper-case letters, digits and _: " + prefix);
        }
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String user(String login) {
        return name("login", "USER_", login, "");
    }

    public String tableGroup(String group) {
        return name("table group", "TG_", group, "");
    }

    /** The group's write role; {@code a} writing and a group {@code a_write} reading fold together: the registry refuses the second. */
    public String tableGroupWrite(String group) {
        return name("table group", "TG_", group, "_WRITE");
    }

    public String business(String business) {
        return name("business", "BIZ_", business, "_PUBLIC");
    }

    public String sharedSchema(String database, String schema) {
        return name("shared schema", "SS_", map("database", database) + "_" + map("schema", schema), "");
    }

    /** True for names this instance manages: carrying the prefix and not a system role. */
    public boolean isManaged(String roleName) {
        return roleName != null && roleName.startsWith(prefix) && !SYSTEM_ROLES.contains(roleName);
    }

    /**
     * A login as Gatehouse keys it. Logins are case-insensitive in Snowflake: Gatehouse keys them upper case. Only
     * ASCII is taken, because upper-casing folds some other letters into ASCII ({@code yılmaz} -> {@code YILMAZ})
     * and two people would become one.
     */
    public static String login(String login) {
        String valid = Identifier.validate("login", login);
        requireAscii("login", valid);
        return valid.toUpperCase(Locale.ROOT);
    }

    /** The Snowflake user object for a login: logins are case-insensitive, users created unquoted are upper case. */
    public static String userObject(String login) {
        return Identifier.validate("login", login).toUpperCase(Locale.ROOT);
    }

    private String name(String what, String kind, String source, String suffix) {
        String name = prefix + kind + map(what, source) + suffix;
        if (name.length() > Identifier.MAX_LENGTH) {
            throw new InvalidNameException(what + " '" + source + "' gives a role name longer than "
                    + Identifier.MAX_LENGTH + " characters");
        }
        return name;
    }

    static String map(String what, String source) {
        if (source == null || source.isBlank()) {
            throw new InvalidNameException(what + " is empty");
        }
        requireAscii(what, source);
        String upper = source.toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(upper.length());
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                sb.append(c);
            } else if (c == '.' || c == '-' || c == '@' || c == '+' || c == ' ') {
                sb.append('_');
            } else {
                throw new InvalidNameException(what + " '" + source.replaceAll("\\p{Cntrl}", "?")
                        + "' holds a character a role name cannot carry: '" + printable(c) + "'");
            }
        }
        return sb.toString();
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    /** Refuses non-ASCII sources before any upper-casing, which would fold some of them into other names. */
    public static void requireAscii(String what, String source) {
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) > 0x7F) {
                throw new InvalidNameException(what + " '" + source.replaceAll("\\p{Cntrl}", "?")
                        + "' holds a non-ASCII character, which a role name cannot carry safely");
            }
        }
    }
}
