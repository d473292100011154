package io.gatehouse.webhook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code gatehouse.webhook.*}: how Fivetran webhooks are verified, kept and registered. */
@ConfigMapping(prefix = "gatehouse.webhook")
public interface WebhookConfig {

    /**
     * The secret Fivetran signs deliveries with ({@code X-Fivetran-Signature-256}). From the environment
     * ({@code GATEHOUSE_WEBHOOK_FIVETRAN_SECRET}) in production; no default on purpose.
     */
    String fivetranSecret();

    /** Larger bodies are refused with 413 before anything is verified or parsed. Fivetran's events are a few hundred bytes. */
    @WithDefault("65536")
    int maxBodyBytes();

    /** How long delivery keys are kept for deduplication. Fivetran retries for up to 24 hours. Longer than {@link #replayWindow()}. */
    @WithDefault("P7D")
    Duration deliveryRetention();

    /**
     * How long a request's Connect Card binding and its setup completion are kept after the last card was issued (and
     * the setup confirmed). Every link that leads to them (the redirect state, a day; the owner link,
     * connector-service's {@code gatehouse.connector.owner-link-ttl}, 30 days) is signed when a card is issued, so after
     * the longest of them nothing can ask for the rows any more. Must exceed the owner link's lifetime.
     */
    @WithDefault("P90D")
    Duration connectCardRetention();

    /**
     * How old a webhook's {@code created} may be. Fivetran re-sends the same bytes (same {@code created}) for up to
     * 24 hours when a delivery fails; 36 hours leaves 12 hours for Fivetran's own queueing and a late last retry.
     * Must stay below {@link #deliveryRetention()}, so that every delivery inside the window is still deduplicated.
     */
    @WithDefault("PT36H")
    Duration replayWindow();

    /** How far in the future a webhook's {@code created} may be: the clocks of Fivetran and this host differ a little. */
    @WithDefault("PT5M")
    Duration clockSkew();

    Register register();

    /** Registering this endpoint as a Fivetran group webhook. */
    interface Register {

        /** Registers {@link #groupIds()} shortly after startup, and retries until each is registered. */
        @WithDefault("false")
        boolean enabled();

        /** Fivetran destination groups whose connections should report here. */
        Optional<List<String>> groupIds();

        /** This service's base URL as Fivetran reaches it (https in production), without {@code /webhooks/fivetran}. */
        Optional<String> publicUrl();

        /** Fivetran events the webhook subscribes to ({@code connection_successful} tells a broken connection healed). */
        @WithDefault("sync_end,connection_failure,connection_successful")
        List<String> events();

        /** How long after startup the first attempt runs, and how often a failed one is retried. */
        @WithDefault("5s")
        Duration retryEvery();
    }
}
