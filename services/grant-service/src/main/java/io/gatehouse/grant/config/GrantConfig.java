package io.gatehouse.grant.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the grant-service (prefix {@code gatehouse.grant}): the one place their defaults live. The
 * {@code @Scheduled} expressions read {@code apply.poll-interval} and {@code drift.interval} from here too.
 */
@ConfigMapping(prefix = "gatehouse.grant")
public interface GrantConfig {

    /** Gatehouse creates, changes and drops only roles with this prefix. */
    @WithDefault("GH_")
    String managedPrefix();

    /** Every Gatehouse role is granted to this role, so nothing is orphaned. */
    @WithDefault("SYSADMIN")
    String parentRole();

    /** Drop a user role once the user has no entitlement left (default: keep it empty, no data access). */
    @WithDefault("false")
    boolean dropEmptyUserRoles();

    /**
     * The warehouse of a business the platform team gave none through the API. None by default: what a warehouse
     * costs is the platform team's decision, so Gatehouse grants none unless told.
     */
    Optional<String> defaultWarehouse();

    Apply apply();

    Drift drift();

    Plan plan();

    interface Plan {
        /**
         * Events one {@code POST /plan} may preview: the preview is planned in memory on the request's thread, so its
         * cost grows with its input; a bigger question is split by the caller.
         */
        @WithDefault("200")
        int maxEvents();
    }

    Retention retention();

    /** How long finished work is kept (libs/messaging RetentionSchedule purges it hourly, in batches). */
    interface Retention {
        /**
         * Done apply jobs (and their role rows) are deleted this long after they finished. Their statements stay in the
         * audit log for {@link #audit()}; pending, waiting and parked jobs are never deleted.
         */
        @WithDefault("30d")
        Duration doneJobs();

        /** Audit entries are deleted this long after the statement ran: 7 years by default, for compliance. */
        @WithDefault("2557d")
        Duration audit();
    }

    interface Apply {
        /** Jobs applied at the same time (each on its own pooled Snowflake connection). */
        @WithDefault("8")
        int concurrency();

        /**
         * Attempts of a job failing for a cause that may heal (an object not there yet, an unknown error) before it is
         * parked for operators. An outage (Snowflake or our own database unreachable, timing out, a lost session) does
         * not count: it is waited out with the same back-off for as long as it lasts.
         */
        @WithDefault("10")
        int maxAttempts();

        /**
         * Statements run between two commits of a job's progress: after each chunk its ledger rows, audit rows and
         * GrantsApplied are recorded in one transaction, so a crash loses at most one chunk's records (and re-runs
         * only those idempotent statements).
         */
        @WithDefault("200")
        int chunkSize();

        /** Back-off step after a job's first failed attempt; it doubles per attempt up to {@link #backoffMax()}, jittered. */
        @WithDefault("1s")
        Duration backoffBase();

        @WithDefault("5m")
        Duration backoffMax();

        /**
         * How long a claim on a job, and the locks on its roles, last unless renewed. A running job renews them every
         * quarter of this and stops before its next statement once half of it passed unrenewed, so it must exceed twice
         * a statement's worst time (the Snowflake network timeout, 30 s). An instance that dies holds its jobs this long.
         */
        @WithDefault("2m")
        Duration lease();

        /** How often the worker looks for due jobs (it also looks whenever a job finishes). */
        @WithDefault("1s")
        Duration pollInterval();

        UserWait userWait();
    }

    /**
     * A job whose user Snowflake does not know yet: SCIM provisions users minutes to hours after the HR event, and
     * Snowflake tells no one when it did, so the job asks again on this schedule. The back-off step bounds how long a
     * user who appeared waits for the grant.
     */
    interface UserWait {
        /** First step: a minute is about what a prompt SCIM push takes, and costs one failed GRANT per try. */
        @WithDefault("1m")
        Duration backoffBase();

        /** Longest step (doubling from the base, jittered): a user who appeared waits at most this long for the grant. */
        @WithDefault("1h")
        Duration backoffMax();

        /**
         * How long a job waits for its user before it parks for an operator: a week covers provisioning stuck over a
         * weekend; a user still missing after that is likely a login HR and the identity provider spell differently.
         */
        @WithDefault("7d")
        Duration horizon();
    }

    interface Drift {
        /** How often the scheduled drift check runs ({@code off} to disable). */
        @WithDefault("1h")
        String interval();

        /** When the scheduled check runs and publishes DriftDetected, it also fixes drift. Off: report only. */
        @WithDefault("false")
        boolean autoReconcile();

        /**
         * Roles read at the same time by a drift scan, each on its own pooled Snowflake connection (two SHOW statements
         * per role, a round trip each). Shared by every scan of this instance (scheduled, REST, reconcile). 16: a scan
         * waits on the round trips, so its speed-up over the serial scan is nearly this number less our own cost per
         * role (issue 17 asks 10x at 10,000 roles; measured in docs/benchmarks.md, {@code drift-scan}). With the apply
         * worker's 8 it leaves 2 of the pool's 26 ({@code GATEHOUSE_SNOWFLAKE_POOL}) for revoke verification and the
         * startup checks, so a scan never starves the apply worker; raise the pool with it.
         */
        @WithDefault("16")
        int concurrency();

        /**
         * A revoke is read back right after its chunk ran, and once more after this delay, to catch a grant put back
         * by hand right after Gatehouse took it away ({@code 0s}: only the immediate read). Unverified revokes count in
         * {@code gatehouse.grant.revokes.unverified}, are audited as UNVERIFIED and published as DriftDetected.
         */
        @WithDefault("30s")
        Duration verifyDelay();
    }
}
