package io.gatehouse.webhook.config;

import io.smallrye.config.ConfigMapping;

/**
 * {@code gatehouse.connect-card.*}: settings shared with connector-service, which signs the redirect
 * state this service verifies.
 */
@ConfigMapping(prefix = "gatehouse.connect-card")
public interface ConnectCardConfig {

    /**
     * HMAC key of the redirect {@code state} (at least 32 bytes), the same value connector-service signs with.
     * From the environment ({@code GATEHOUSE_CONNECT_CARD_STATE_KEY}) in production; no default on purpose.
     */
    String stateKey();
}
