package io.gatehouse.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay and of event consumption. */
@ConfigMapping(prefix = "gatehouse.messaging")
public interface MessagingConfig {

    /** CloudEvents {@code source} of what this service publishes. */
    @WithDefault("/gatehouse/${quarkus.application.name}")
    String source();

    Outbox outbox();

    Inbox inbox();

    /** Leases that make one instance of the service run each cluster-wide schedule (ClusterLeases). */
    Cluster cluster();

    /** How the hourly purge of rows past their window deletes (RetentionSchedule); each window is its table's setting. */
    Retention retention();

    interface Retention {
        /**
         * Rows deleted per transaction: a batch holds its row locks for a moment only, so consumers and workers writing
         * the same tables never wait behind a purge of a year's rows.
         */
        @WithDefault("1000")
        int batchSize();
    }

    interface Cluster {
        /** The same protocol and defaults as the outbox relay's lease; only the names differ. */
        Lease lease();
    }

    interface Inbox {
        /**
         * How long a processed event id is remembered: the window in which a redelivery is recognised; older ids are
         * deleted by the retention purge (RetentionSchedule).
         */
        @WithDefault("P30D")
        Duration retention();
    }

    interface Outbox {
        /** How often the relay looks for rows left unsent (after a crash or a broker outage). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Rows published per relay transaction. */
        @WithDefault("200")
        int batchSize();

        /** How long the relay waits for the broker's acks before it leaves a row for the next round. */
        @WithDefault("30s")
        Duration sendTimeout();

        /**
         * How often the broker may refuse a row for good (too large, invalid topic) before it is parked for an
         * operator. A broker that is away or slow never parks a row: that is retried for as long as it lasts.
         */
        @WithDefault("5")
        int maxRefusals();

        /** How long sent rows are kept (for operators) before the retention purge deletes them (RetentionSchedule). */
        @WithDefault("P7D")
        Duration retention();

        /** The lease that makes one relay of the service active across its instances. */
        Lease lease();
    }

    /** A lease in {@code relay_lease}: {@code gatehouse.messaging.outbox.lease.*}, {@code gatehouse.messaging.cluster.lease.*}. */
    interface Lease {
        /**
         * How long a lease lasts unrenewed: when the holding instance dies, another one takes over after at most this
         * plus one {@link #renewInterval()}.
         */
        @WithDefault("10s")
        Duration duration();

        /** How often the holder renews its lease and a standby tries to take it. Well below the duration. */
        @WithDefault("3s")
        Duration renewInterval();
    }
}
