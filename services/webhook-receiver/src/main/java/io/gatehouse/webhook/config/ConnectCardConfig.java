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

    /** {@code gatehouse.connect-card.return-page.*}: what one unauthenticated return page may cost, {@code GET /connect-card/return}. */
    ReturnPage returnPage();

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

    /**
     * The return page is open to anyone holding a state link: each visit may ask Fivetran, whose API is rate limited
     * per account. Limits are per instance (two instances allow twice as much); a confirmed setup is answered from the
     * database without asking Fivetran.
     */
    interface ReturnPage {

        /**
         * Connect and read timeout of the page's one Fivetran call (no retry). The owner waits on it; a setup Fivetran
         * does not confirm in time is confirmed later by connector-service's setup poll.
         */
        @WithDefault("PT3S")
        Duration fivetranTimeout();

        /** Fivetran calls one state (one request) may cause per {@link #window()}; more are answered 429. */
        @WithDefault("10")
        int callsPerState();

        /** Return-page requests one client address may make per {@link #window()}; more are answered 429. */
        @WithDefault("60")
        int requestsPerAddress();

        /** The window both limits refill over (continuously, as token buckets). */
        @WithDefault("PT1M")
        Duration window();

        /** How many states and how many addresses are tracked at most; the least recently seen are forgotten first. */
        @WithDefault("10000")
        int trackedKeys();
    }
}
