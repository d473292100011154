package io.gatehouse.webhook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code gatehouse.connect-card.*}: settings shared with connector-service, which signs the redirect
 * state and the owner link this service verifies, and how the owner link hands out cards.
 */
@ConfigMapping(prefix = "gatehouse.connect-card")
public interface ConnectCardConfig {

    /**
     * HMAC key of the redirect {@code state} and of the owner link (at least 32 bytes), the same value connector-service
     * signs with. From the environment ({@code GATEHOUSE_CONNECT_CARD_STATE_KEY}) in production; no default on purpose.
     */
    String stateKey();

    /** {@code gatehouse.connect-card.open.*}: the owner link, {@code GET /connect-card/open}. */
    Open open();

    /** How the owner link decides between sending the browser on and asking for a fresh card. */
    interface Open {

        /**
         * A card is handed out only while it stays usable at least this long: the owner needs time to enter the
         * credentials before Fivetran's link (valid one day) expires under them.
         */
        @WithDefault("PT10M")
        Duration margin();

        /**
         * A fresh card is asked for (ConnectCardRequested) at most once per issued card and this interval: reloads
         * and several owners opening the link at once ask once; a request that got lost is asked again after it.
         */
        @WithDefault("PT2M")
        Duration reissueInterval();
    }
}
