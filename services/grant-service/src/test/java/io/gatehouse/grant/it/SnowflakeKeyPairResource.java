package io.gatehouse.grant.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Logs the service in as the key-only service user {@link ServiceKeys#USER} through the settings production uses
 * (here by their property names): {@code GATEHOUSE_SNOWFLAKE_PRIVATE_KEY_FILE} and, with init arg
 * {@code encrypted=true}, an encrypted key file and {@code GATEHOUSE_SNOWFLAKE_PRIVATE_KEY_PASSWORD}. The password the sandbox resource sets stays in the configuration:
 * the service must not send it (the user has none, and as a SERVICE user could not use one).
 */
public class SnowflakeKeyPairResource implements QuarkusTestResourceLifecycleManager {

    private boolean encrypted;

    @Override
    public void init(Map<String, String> initArgs) {
        encrypted = Boolean.parseBoolean(initArgs.getOrDefault("encrypted", "false"));
    }

    @Override
    public Map<String, String> start() {
        return encrypted
                ? Map.of("%test.quarkus.datasource.snowflake.username", ServiceKeys.USER,
                        "gatehouse.snowflake.private-key-file", ServiceKeys.ENCRYPTED_FILE.toString(),
                        "gatehouse.snowflake.private-key-password", ServiceKeys.KEY_PASSWORD)
                : Map.of("%test.quarkus.datasource.snowflake.username", ServiceKeys.USER,
                        "gatehouse.snowflake.private-key-file", ServiceKeys.PLAIN_FILE.toString());
    }

    @Override
    public void stop() {
    }
}
