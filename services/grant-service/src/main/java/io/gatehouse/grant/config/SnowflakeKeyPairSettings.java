package io.gatehouse.grant.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Key-pair login for the {@code snowflake} datasource from two settings, with no password needed:
 * {@code GATEHOUSE_SNOWFLAKE_PRIVATE_KEY_FILE} (a PKCS#8 PEM file, encrypted or not) and, for an encrypted one,
 * {@code GATEHOUSE_SNOWFLAKE_PRIVATE_KEY_PASSWORD}. Given the file, the datasource gets snowflake-jdbc's properties
 * {@code authenticator=SNOWFLAKE_JWT}, {@code private_key_file} and {@code private_key_pwd} (names from the driver's
 * SFSessionProperty, 4.4.1), and no password: the production default {@code ${GATEHOUSE_SNOWFLAKE_PASSWORD}}, required
 * otherwise, is then not asked for, and a password set for the sandbox or dev is not sent.
 *
 * <p>An interceptor rather than lines in application.properties because configuration alone cannot make a setting's
 * presence decide whether other settings exist: additional-jdbc-properties must not hold an empty private_key_file
 * when no key is configured, and the password must stay required then. Registered through {@code META-INF/services};
 * it sits between SmallRye's profile (3200) and expression (3300) interceptors, like libs/messaging RequiredSettings,
 * so it answers for the datasource names before the {@code %prod.} password line is looked up and expanded.
 */
@Priority(Priorities.LIBRARY + 260)
public class SnowflakeKeyPairSettings implements ConfigSourceInterceptor {

    static final String KEY_FILE = "gatehouse.snowflake.private-key-file";
    static final String KEY_PASSWORD = "gatehouse.snowflake.private-key-password";
    static final String PASSWORD = "quarkus.datasource.snowflake.password";
    private static final String JDBC = "quarkus.datasource.snowflake.jdbc.additional-jdbc-properties.";
    static final String AUTHENTICATOR = JDBC + "authenticator";
    static final String PRIVATE_KEY_FILE = JDBC + "private_key_file";
    static final String PRIVATE_KEY_PWD = JDBC + "private_key_pwd";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (!name.startsWith("quarkus.datasource.snowflake.")) {
            return context.proceed(name);
        }
        ConfigValue keyFile = setting(context, KEY_FILE);
        if (keyFile == null) {
            return context.proceed(name);
        }
        return switch (name) {
            case AUTHENTICATOR -> derived(name, "SNOWFLAKE_JWT", keyFile);
            case PRIVATE_KEY_FILE -> derived(name, keyFile.getValue(), keyFile);
            case PRIVATE_KEY_PWD -> {
                ConfigValue password = setting(context, KEY_PASSWORD);
                yield password == null ? null : derived(name, password.getValue(), password);
            }
            case PASSWORD -> null;
            default -> context.proceed(name);
        };
    }

    /** An already expanded value, attributed to the source of the setting it comes from. */
    private static ConfigValue derived(String name, String value, ConfigValue from) {
        return ConfigValue.builder().withName(name).withValue(value).withRawValue(value)
                .withConfigSourceName(from.getConfigSourceName()).withConfigSourceOrdinal(from.getConfigSourceOrdinal())
                .build();
    }

    /** The map additional-jdbc-properties is filled from the names the configuration lists. */
    @Override
    public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
        Set<String> names = new LinkedHashSet<>();
        context.iterateNames().forEachRemaining(names::add);
        if (setting(context, KEY_FILE) != null) {
            names.add(AUTHENTICATOR);
            names.add(PRIVATE_KEY_FILE);
            if (setting(context, KEY_PASSWORD) != null) {
                names.add(PRIVATE_KEY_PWD);
            }
        }
        return names.iterator();
    }

    /** A setting through the whole chain (profiles, expressions, GATEHOUSE_* environment names); null when blank. */
    private static ConfigValue setting(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.restart(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value;
    }
}
