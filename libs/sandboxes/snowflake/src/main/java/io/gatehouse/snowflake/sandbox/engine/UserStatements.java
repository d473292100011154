package io.gatehouse.snowflake.sandbox.engine;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.login.RsaPublicKey;
import io.gatehouse.snowflake.sandbox.rbac.Credentials;
import io.gatehouse.snowflake.sandbox.rbac.ObjectRef;
import io.gatehouse.snowflake.sandbox.rbac.SecurableObject;
import io.gatehouse.snowflake.sandbox.rbac.UserKeys;
import io.gatehouse.snowflake.sandbox.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's login and session properties (docs.snowflake.com/en/sql-reference/sql/alter-user): TYPE and
 * RSA_PUBLIC_KEY / RSA_PUBLIC_KEY_2 at CREATE USER, ALTER USER SET / UNSET of those and of PASSWORD, DEFAULT_ROLE
 * and DEFAULT_WAREHOUSE, and DESC USER. The user's owner (through the role hierarchy) may alter all of them; the
 * user itself only the defaults that decide where its sessions land, as Snowflake lets users pick their own.
 * Neither default is checked when set: Snowflake stores the names and only applies them at login if they are
 * usable then. Any other property is refused by ALTER USER as unsupported rather than silently ignored, so that a
 * client relying on it fails loudly here (CREATE USER accepts and ignores them, as they play no part in access).
 */
final class UserStatements {

    private static final Set<String> TYPES = Set.of("PERSON", UserKeys.SERVICE, "LEGACY_SERVICE", "NULL");
    private static final Set<String> SELF_SERVICE = Set.of("DEFAULT_ROLE", "DEFAULT_WAREHOUSE");
    private static final Set<String> SUPPORTED = Set.of("DEFAULT_ROLE", "DEFAULT_WAREHOUSE", "PASSWORD", "TYPE",
            "RSA_PUBLIC_KEY", "RSA_PUBLIC_KEY_2");

    private UserStatements() {
    }

    /** The TYPE and key properties of a CREATE USER, checked before the user exists. */
    static UserKeys keysOf(Map<String, String> properties) {
        UserKeys keys = UserKeys.NONE;
        for (Map.Entry<String, String> p : properties.entrySet()) {
            keys = set(keys, p.getKey(), p.getValue());
        }
        return keys;
    }

    static Result alter(Context c, Statement.AlterUser s) {
        ObjectRef ref = ObjectRef.user(s.name());
        if (!c.account().exists(ref)) {
            if (s.ifExists()) {
                return Result.ddl("Statement executed successfully.");
            }
            throw SqlException.notFound("User", s.name());
        }
        // SET and UNSET as one list of changes, a null value for UNSET.
        Map<String, String> changes = new LinkedHashMap<>(s.set());
        s.unset().forEach(k -> changes.put(k, null));
        for (String key : changes.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw SqlException.unsupported("ALTER USER ... " + key);
            }
        }
        // Key-pair-auth docs: "only owners of a user ... can alter" its keys; a user may set its own defaults.
        boolean self = s.name().equals(c.session().user()) && SELF_SERVICE.containsAll(changes.keySet());
        if (!self && !c.access().owns(c.roles(), ref)) {
            throw SqlException.insufficientPrivileges("user", s.name());
        }
        // Validate everything first so a refused statement changes nothing.
        UserKeys keys = c.account().userKeys(s.name());
        Credentials credentials = c.account().credentials(s.name()).orElse(Credentials.of(null, null));
        String warehouse = c.account().defaultWarehouse(s.name());
        for (Map.Entry<String, String> p : changes.entrySet()) {
            String value = p.getValue();
            keys = set(keys, p.getKey(), value);
            switch (p.getKey()) {
                case "PASSWORD" -> credentials = Credentials.of(value, credentials.defaultRole());
                case "DEFAULT_ROLE" -> credentials = credentials.withDefaultRole(value);
                case "DEFAULT_WAREHOUSE" -> warehouse = value;
                default -> {
                }
            }
        }
        c.account().setUserKeys(s.name(), keys);
        c.account().setCredentials(s.name(), credentials);
        c.account().setDefaultWarehouse(s.name(), warehouse);
        return Result.ddl("Statement executed successfully.");
    }

    /** One property with Snowflake's column set (property, value, default, description); unset values are "null". */
    static Result describe(Context c, Statement.DescribeUser s) {
        ObjectRef ref = ObjectRef.user(s.name());
        SecurableObject user = c.account().find(ref).orElse(null);
        // A user may describe itself; anyone else needs OWNERSHIP of the user.
        if (user == null || !s.name().equals(c.session().user()) && !c.access().owns(c.roles(), ref)) {
            throw SqlException.notFound("User", s.name());
        }
        UserKeys keys = c.account().userKeys(s.name());
        Credentials credentials = c.account().credentials(s.name()).orElse(Credentials.of(null, null));
        Result.Builder b = new Result.Builder(List.of(Column.text("property"), Column.text("value"),
                Column.text("default"), Column.text("description")));
        b.row("NAME", s.name(), "null", "Name");
        b.row("COMMENT", orNull(user.comment().isEmpty() ? null : user.comment()), "null", "user comment associated to an object in the dictionary");
        b.row("LOGIN_NAME", s.name(), "null", "Login name of the user");
        b.row("TYPE", orNull(keys.type()), "null", "Type of the user");
        b.row("DEFAULT_WAREHOUSE", orNull(c.account().defaultWarehouse(s.name())), "null", "Default warehouse for this user");
        b.row("DEFAULT_ROLE", orNull(credentials.defaultRole()), "null", "Primary principal of user session will be set to this role");
        b.row("PASSWORD", credentials.passwordHash() == null ? "null" : "********", "null", "Password of the user");
        b.row("HAS_PASSWORD", String.valueOf(credentials.passwordHash() != null), "false", "Whether the user has a password");
        b.row("RSA_PUBLIC_KEY", orNull(keys.rsaPublicKey()), "null", "RSA public key of the user");
        b.row("RSA_PUBLIC_KEY_FP", fingerprint(keys.rsaPublicKey()), "null", "Fingerprint of user's RSA public key.");
        b.row("RSA_PUBLIC_KEY_2", orNull(keys.rsaPublicKey2()), "null", "Second RSA public key of the user");
        b.row("RSA_PUBLIC_KEY_2_FP", fingerprint(keys.rsaPublicKey2()), "null", "Fingerprint of user's second RSA public key.");
        return b.build(Result.DESCRIBE);
    }

    private static UserKeys set(UserKeys keys, String property, String value) {
        return switch (property) {
            case "RSA_PUBLIC_KEY" -> keys.withRsaPublicKey(checkedKey(property, value));
            case "RSA_PUBLIC_KEY_2" -> keys.withRsaPublicKey2(checkedKey(property, value));
            case "TYPE" -> keys.withType(checkedType(value));
            default -> keys;
        };
    }

    private static String checkedKey(String property, String value) {
        if (value != null) {
            RsaPublicKey.parse(property, value);
        }
        return value == null ? null : value.replaceAll("\\s", "");
    }

    private static String checkedType(String value) {
        if (value == null || value.equals("NULL") || value.equals("PERSON")) {
            return null; // NULL "functions the same as PERSON"
        }
        if (!TYPES.contains(value)) {
            throw SqlException.invalidPropertyValue("TYPE", "'" + value + "' is not PERSON, SERVICE or LEGACY_SERVICE");
        }
        return value;
    }

    private static String fingerprint(String key) {
        return key == null ? "null" : RsaPublicKey.parse("RSA_PUBLIC_KEY", key).fingerprint();
    }

    private static String orNull(String value) {
        return value == null ? "null" : value;
    }
}
