package io.gatehouse.connector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code gatehouse.connector.*}. The Connect Card state key is {@code gatehouse.connect-card.state-key} (shared). */
@ConfigMapping(prefix = "gatehouse.connector")
public interface ConnectorConfig {

    /** The webhook-receiver's public return URL; the card sends the owner there with {@code ?state=...}. */
    String returnUrl();

    /**
     * The webhook-receiver's public {@code GET /connect-card/open} URL, the owner link of every ConnectCardIssued
     * ({@code ?token=...}). When absent, derived from {@link #returnUrl()} by replacing its last path segment
     * {@code return} with {@code open}.
     */
    Optional<String> openUrl();

    /**
     * How long an owner link works. It leads to the request's current card (a fresh one when the last expired), so it
     * should outlast the time an owner may take to set up, not a card's day.
     */
    @WithDefault("P30D")
    Duration ownerLinkTtl();

    /** Snowflake database Fivetran lands into: the database of every TableAdded. */
    String destinationDatabase();

    /**
     * Fivetran writes {@code name_in_destination} (lower-case snake_case) into Snowflake as unquoted
     * identifiers, which Snowflake stores upper-cased: TableAdded must name the table as Snowflake holds it,
     * or every grant on it would miss. Turn off for a destination that keeps case.
     */
    @WithDefault("true")
    boolean destinationUpperCase();

    /** Fivetran documents a Connect Card as valid one day; the published expiry and the state's lifetime. */
    @WithDefault("P1D")
    Duration cardTtl();

    /**
     * Services whose destination naming is {@code config.schema_prefix} (database connectors, one destination
     * schema per source schema); every other service gets {@code config.schema}.
     */
    @WithDefault("sql_server_rds,sql_server,postgres_rds,postgres,aurora_postgres,mysql_rds,mysql,aurora,oracle_rds,oracle")
    List<String> schemaPrefixServices();

    Worker worker();

    Poll poll();

    /** The scheduled worker that performs due Fivetran calls. */
    interface Worker {
        /** How often it looks for due work (it is also woken right after new work commits). */
        @WithDefault("1s")
        Duration interval();

        /** Requests claimed per round. */
        @WithDefault("50")
        int batchSize();

        /** Fivetran calls in flight at once: one slow request never holds up the others. */
        @WithDefault("4")
        int concurrency();

        /**
         * How long a claim on a request lasts unless renewed. The instance running the step renews it every quarter of
         * this while the step runs (ClaimKeeper), so it is not a bound on a step: it is how long the requests of an
         * instance that died wait before another instance takes them over.
         */
        @WithDefault("2m")
        Duration lease();

        /**
         * The longest one step may hold its request: its claim is renewed for no longer, and it stops before its next
         * Fivetran call once it has run this long (the attempt is then retried with back-off). Checked at startup to
         * cover the worst case of a step's Fivetran calls as the client is configured (CallBudget).
         */
        @WithDefault("10m")
        Duration stepBudget();

        /** First retry delay of a transient failure; doubles per attempt, with jitter. */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("10m")
        Duration maxBackoff();

        /** After this many transient failures in a row the request fails for good. */
        @WithDefault("40")
        int maxAttempts();
    }

    /**
     * Reads ACTIVE and BROKEN connections from Fivetran now and then: a success newer than the last one seen (a
     * {@code sync_end} webhook that never arrived) is handled as if its SyncCompleted had come. Reads the connection of
     * a CARD_ISSUED request too: a setup Fivetran reports connected is handled as if its SetupCompleted had come.
     */
    interface Poll {
        /** How long after a poll an ACTIVE or BROKEN connection is polled again. */
        @WithDefault("15m")
        Duration interval();

        /**
         * How long after entering CARD_ISSUED, and after each poll, a connection waiting for its owner's setup is read.
         * Shorter than {@link #interval()} (an owner is waiting for the activation), long enough that many open cards
         * stay well inside Fivetran's rate limit.
         */
        @WithDefault("2m")
        Duration setupInterval();

        /** How often the poller looks for connections due (also the {@code @Scheduled} default in SyncPoller). */
        @WithDefault("30s")
        Duration scanInterval();

        /** Connections claimed per round; their calls run one after another, so Fivetran sees them spread. */
        @WithDefault("20")
        int batchSize();

        /**
         * A claimed connection is not claimed again (here or by another instance) before this passes. Not renewed: a poll
         * is one Fivetran read, so the lease must outlast the worst one with room to spare (checked at startup,
         * CallBudget), and the poll's result write is fenced by the claim.
         */
        @WithDefault("10m")
        Duration lease();
    }
}
