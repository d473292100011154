package io.gatehouse.snowflake.sandbox.engine;

import io.gatehouse.snowflake.sandbox.SqlException;
import io.gatehouse.snowflake.sandbox.login.RsaPublicKey;
import io.gatehouse.snowflake.sandbox.rbac.Credentials;
import io.gatehouse.snowflake.sandbox.rbac.ObjectRef;
import io.gatehouse.snowflake.sandbox.rbac.SecurableObject;
import io.gatehouse.snowflake.sandbox.rbac.UserKeys;
import io.gatehouse.snowflake.sandbox.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's login properties: TYPE and RSA_PUBLIC_KEY / RSA_PUBLIC_KEY_2 at CREATE USER, ALTER USER SET / UNSET of
 * those and of PASSWORD and DEFAULT_ROLE, and DESC USER. Other user properties (EMAIL, DISPLAY_NAME, ...) do not
 * take part in access control and are accepted without effect, as CREATE USER does.
 */
final class UserStatements {

    private static final Set<String> TYPES = Set.of("PERSON", UserKeys.SERVICE, "LEGACY_SERVICE", "NULL");

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
        // ALTER USER needs OWNERSHIP of the user (key-pair-auth docs: "only owners of a user ... can alter").
        if (!c.access().owns(c.roles(), ref)) {
            throw SqlException.insufficientPrivileges("user", s.name());
        }
        // Validate everything first so a refused statement changes nothing.
        UserKeys keys = c.account().userKeys(s.name());
        Credentials credentials = c.account().credentials(s.name()).orElse(Credentials.of(null, null));
        for (Map.Entry<String, String> p : s.set().entrySet()) {
            keys = set(keys, p.getKey(), p.getValue());
            credentials = switch (p.getKey()) {
                case "PASSWORD" -> Credentials.of(p.getValue(), credentials.defaultRole());
                case "DEFAULT_ROLE" -> new Credentials(credentials.salt(), credentials.passwordHash(), p.getValue());
                default -> credentials;
            };
        }
        for (String key : s.unset()) {
            keys = set(keys, key, null);
            credentials = switch (key) {
                case "PASSWORD" -> Credentials.of(null, credentials.defaultRole());
                case "DEFAULT_ROLE" -> new Credentials(credentials.salt(), credentials.passwordHash(), null);
                default -> credentials;
            };
        }
        c.account().setUserKeys(s.name(), keys);
        c.account().setCredentials(s.name(), credentials);
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
