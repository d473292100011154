package io.gatehouse.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Where the services answer, and the development sign-in (off unless a local run or a test turns it on). */
@ConfigMapping(prefix = "gatehouse.console")
public interface ConsoleConfig {

    /** Each service's base URL by its name (onboarding-service, grant-service...): the console calls nothing else. */
    Map<String, URI> services();

    /** How long the console waits for a service before it shows the page with that part missing. */
    @WithDefault("5s")
    Duration serviceTimeout();

    DevSignIn devSignIn();

    interface DevSignIn {

        /**
         * A sign-in form that lets anyone pick a name and roles: for the local run and tests only. When on, the
         * identity provider's sign-in is off (quarkus.oidc.tenant-enabled=false) and the console says so at startup.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * Where the development private key is (a file path, or a classpath resource): the tokens are signed with it,
         * and the services verify them with its public key.
         */
        Optional<String> privateKey();

        /** Where the development public key is: the console verifies its session cookie with it. */
        Optional<String> publicKey();

        @WithDefault("https://gatehouse.local/dev-idp")
        String issuer();

        @WithDefault("gatehouse")
        String audience();

        @WithDefault("8h")
        Duration lifetime();
    }
}
