package io.gatehouse.fivetran.client;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code gatehouse.fivetran.*}. Key and secret usually come from the environment
 * ({@code GATEHOUSE_FIVETRAN_API_KEY}, {@code GATEHOUSE_FIVETRAN_API_SECRET}).
 */
@ConfigMapping(prefix = "gatehouse.fivetran")
public interface FivetranConfig {

    /**
     * Where the API answers; the REST client's {@code quarkus.rest-client.fivetran.url} follows it. Timeouts are the
     * client's own {@code quarkus.rest-client.fivetran.connect-timeout} / {@code read-timeout} (milliseconds).
     */
    @WithDefault("https://api.fivetran.com")
    String baseUrl();

    String apiKey();

    /** Never logged: the interface has no toString of its own and the client never prints it. */
    String apiSecret();

    Retry retry();

    interface Retry {
        /** Total attempts including the first one. */
        @WithDefault("4")
        int maxAttempts();

        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();

        /** A 429 whose Retry-After is longer than this is not waited for: the exception goes to the caller. */
        @WithDefault("60s")
        Duration maxRetryAfter();
    }
}
