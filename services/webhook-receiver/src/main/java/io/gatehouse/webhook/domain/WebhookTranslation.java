package io.gatehouse.webhook.domain;

import io.gatehouse.events.ConnectorBroken;
import io.gatehouse.events.ConnectorHealthy;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.SyncCompleted;
import io.gatehouse.events.SyncStatus;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a Fivetran webhook means to Gatehouse: {@code sync_end} becomes {@link SyncCompleted},
 * {@code connection_failure} becomes {@link ConnectorBroken}, {@code connection_successful} becomes
 * {@link ConnectorHealthy}, anything else is accepted and ignored.
 */
public final class WebhookTranslation {

    public static final String SYNC_END = "sync_end";
    public static final String CONNECTION_FAILURE = "connection_failure";
    public static final String CONNECTION_SUCCESSFUL = "connection_successful";
    /**
     * Event names Gatehouse knows (Fivetran's documented list), used to keep metric tags bounded; anything
     * else is tagged {@code other}.
     */
    public static final Set<String> KNOWN_EVENTS = Set.of("sync_start", SYNC_END, "status", "dbt_run_start",
            "dbt_run_succeeded", "dbt_run_failed", CONNECTION_SUCCESSFUL, CONNECTION_FAILURE, "create_connector",
            "pause_connector", "resume_connector", "edit_connector", "delete_connector", "force_update_connector",
            "resync_connector", "resync_table", "transformation_start", "transformation_succeeded", "transformation_failed");
    /**
     * Fivetran's test deliveries (on webhook creation and {@code POST /v1/webhooks/{id}/test}) are about a dummy
     * connection, {@code _connection_1}; they prove reachability and must not reach the event backbone.
     */
    private static final String TEST_CONNECTION_PREFIX = "_connection_";

    private WebhookTranslation() {
    }

    /** The outcome for one webhook: an event to publish, or why nothing is published. */
    public record Result(Optional<GatehouseEvent> event, String ignoredBecause) {

        static Result publish(GatehouseEvent event) {
            return new Result(Optional.of(event), null);
        }

        static Result ignore(String reason) {
            return new Result(Optional.empty(), reason);
        }

        public boolean test() {
            return "test delivery".equals(ignoredBecause);
        }
    }

    public static Result translate(FivetranWebhook hook) {
        boolean actionable = SYNC_END.equals(hook.event()) || CONNECTION_FAILURE.equals(hook.event())
                || CONNECTION_SUCCESSFUL.equals(hook.event());
        if (!actionable) {
            return Result.ignore("event type not acted on");
        }
        if (hook.connectorId() == null) {
            throw new InvalidWebhookException("'connector_id' is missing from " + hook.event());
        }
        if (hook.connectorId().startsWith(TEST_CONNECTION_PREFIX)) {
            return Result.ignore("test delivery");
        }
        return switch (hook.event()) {
            case SYNC_END -> syncEnd(hook);
            // The connection's setup tests pass again: a BROKEN connection may resume.
            case CONNECTION_SUCCESSFUL -> Result.publish(new ConnectorHealthy(hook.connectorId(), hook.groupId(), hook.event()));
            default -> Result.publish(broken(hook));
        };
    }

    /**
     * {@code data.status}: SUCCESSFUL, FAILED, FAILURE_WITH_TASK (failed, the user must act) or RESCHEDULED (not
     * finished: Fivetran runs it again later, and that run ends with its own sync_end).
     */
    private static Result syncEnd(FivetranWebhook hook) {
        String status = hook.dataText("status");
        if (status == null) {
            throw new InvalidWebhookException("'data.status' is missing from sync_end");
        }
        String reason = hook.dataText("reason");
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "SUCCESSFUL" -> Result.publish(new SyncCompleted(hook.connectorId(), hook.groupId(), hook.syncId(),
                    SyncStatus.SUCCESSFUL, null));
            case "FAILED", "FAILURE_WITH_TASK" -> Result.publish(new SyncCompleted(hook.connectorId(), hook.groupId(),
                    hook.syncId(), SyncStatus.FAILED, reason != null ? reason : status.toUpperCase(Locale.ROOT)));
            case "RESCHEDULED" -> Result.ignore("sync rescheduled, not finished");
            default -> Result.ignore("unknown sync_end status");
        };
    }

    private static ConnectorBroken broken(FivetranWebhook hook) {
        String reason = firstNonNull(hook.dataText("reason"), hook.dataText("message"), hook.dataText("error"),
                "Fivetran reported " + hook.event());
        return new ConnectorBroken(hook.connectorId(), hook.groupId(), hook.event(), reason);
    }

    /** The event name as a metric tag. */
    public static String tagOf(String event) {
        return event != null && KNOWN_EVENTS.contains(event) ? event : "other";
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        throw new IllegalArgumentException("no value");
    }
}
