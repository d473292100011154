package io.gatehouse.messaging.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import io.quarkus.runtime.ExecutionMode;
import jakarta.annotation.Priority;
import java.util.NoSuchElementException;

/**
 * Refuses, while the configuration is read, a production setting that has no value instead of falling back to a default
 * that would work badly (registered through {@code META-INF/services}, so it acts before any datasource starts):
 * <ul>
 *   <li>{@value #DATABASE_DEFAULT}: the embedded H2 file a service uses without {@code GATEHOUSE_DB_URL} in the prod
 *   profile. Given only when {@code GATEHOUSE_DB_EMBEDDED=true} says so (one instance, the local run); otherwise the
 *   service refuses to start, naming {@code GATEHOUSE_DB_URL}, since every instance would write its own file.</li>
 *   <li>{@code gatehouse.required.<ENV_NAME>}: a setting a property expression needs without a default, as in
 *   {@code ${GATEHOUSE_SNOWFLAKE_URL:${gatehouse.required.GATEHOUSE_SNOWFLAKE_URL}}}: refused naming it. Names joined
 *   by {@code |} are alternatives (a key file or a password): refused naming all of them.</li>
 * </ul>
 */
// Between SmallRye's profile (3200) and expression (3300) interceptors: a name inside ${...} is looked up from the
// expression interceptor downwards, and what this one asks for still honours profiles.
@Priority(Priorities.LIBRARY + 250)
public class RequiredSettings implements ConfigSourceInterceptor {

    public static final String DATABASE_DEFAULT = "gatehouse.db.default-url";
    public static final String EMBEDDED = "gatehouse.db.embedded";
    static final String REQUIRED = "gatehouse.required.";

    private final boolean alwaysStrict;

    /** As Quarkus discovers it: strict in a running application, lenient while an application is built. */
    public RequiredSettings() {
        this(false);
    }

    /** {@code alwaysStrict}: refuse even outside a Quarkus application (tests on a plain SmallRye Config). */
    RequiredSettings(boolean alwaysStrict) {
        this.alwaysStrict = alwaysStrict;
    }

    /**
     * The build (quarkus:build, in the prod profile) reads runtime settings too, e.g. to describe the Kubernetes
     * deployment; a setting given only where the application runs must not fail the build.
     */
    private boolean strict() {
        return alwaysStrict || ExecutionMode.current() != ExecutionMode.UNSET;
    }

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (DATABASE_DEFAULT.equals(name)) {
            ConfigValue embedded = context.proceed(EMBEDDED);
            if (strict() && (embedded == null || !"true".equalsIgnoreCase(embedded.getValue()))) {
                throw new NoSuchElementException("GATEHOUSE_DB_URL is not set: in production every service needs its "
                        + "PostgreSQL database (GATEHOUSE_DB_URL=jdbc:postgresql://host:5432/<db>, or QUARKUS_DATASOURCE_JDBC_URL). "
                        + "An embedded H2 file serves one instance only: set GATEHOUSE_DB_EMBEDDED=true to use it on purpose.");
            }
            return context.proceed(name);
        }
        if (name.startsWith(REQUIRED)) {
            if (!strict()) {
                return null; // at build time: not set, like any setting without a default
            }
            String setting = name.substring(REQUIRED.length());
            if (setting.contains("|")) {
                throw new NoSuchElementException("none of " + String.join(", ", setting.split("\\|")) + " is set: "
                        + "production needs one of them; set it in the service's environment (ConfigMap or Secret).");
            }
            throw new NoSuchElementException(setting + " is not set: it has no default in production; set it in the "
                    + "service's environment (ConfigMap or Secret).");
        }
        return context.proceed(name);
    }
}
