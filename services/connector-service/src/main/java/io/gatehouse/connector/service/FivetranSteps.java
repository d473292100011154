package io.gatehouse.connector.service;

import io.gatehouse.connector.config.ConnectorConfig;
import io.gatehouse.connector.domain.ConnectorState;
import io.gatehouse.connector.domain.DestinationNaming;
import io.gatehouse.connector.domain.LandedTable;
import io.gatehouse.connector.persistence.WorkItem;
import io.gatehouse.fivetran.client.FivetranClient;
import io.gatehouse.fivetran.client.error.FivetranAuthenticationException;
import io.gatehouse.fivetran.client.error.FivetranConflictException;
import io.gatehouse.fivetran.client.error.FivetranException;
import io.gatehouse.fivetran.client.error.FivetranNotFoundException;
import io.gatehouse.fivetran.client.error.FivetranRateLimitedException;
import io.gatehouse.fivetran.client.model.ConnectCard;
import io.gatehouse.fivetran.client.model.ConnectCardConfig;
import io.gatehouse.fivetran.client.model.Connection;
import io.gatehouse.fivetran.client.model.CreateConnection;
import io.gatehouse.fivetran.client.model.SchemaConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Fivetran call(s) due on one claimed request, outside any transaction, then the result recorded
 * through {@link ConnectorRequests} (state + event in one transaction). Fivetran is never called while a
 * database transaction or a Kafka record waits on it.
 */
@ApplicationScoped
public class FivetranSteps {

    private final FivetranClient fivetran;
    private final ConnectorRequests requests;
    private final ConnectorConfig config;
    private final ConnectCardLinks links;
    private final DestinationNaming naming;
    private final FivetranCallHooks hooks;
    private final ClaimKeeper claims;
    private final MeterRegistry registry;

    FivetranSteps(FivetranClient fivetran, ConnectorRequests requests, ConnectorConfig config,
            ConnectCardLinks links, FivetranCallHooks hooks, ClaimKeeper claims, MeterRegistry registry) {
        this.fivetran = fivetran;
        this.requests = requests;
        this.config = config;
        this.links = links;
        this.naming = new DestinationNaming(config.schemaPrefixServices());
        this.hooks = hooks;
        this.claims = claims;
        this.registry = registry;
        // Registered at zero from the start: the alert's increase() then sees the first refusal, and the metric exists
        // for dashboards before anything was ever refused.
        for (String status : List.of("401", "403")) {
            for (String step : List.of("schema", "reactivation")) {
                registry.counter("gatehouse.connector.fivetran.unauthorized", "status", status, "step", step);
            }
        }
    }

    /**
     * Runs the step due on a claimed request and records its outcome. A step whose claim another instance took over (this
     * one's lease ran out unrenewed) stops: the new holder runs it again, and what this one did is dropped, not recorded.
     * What Fivetran already did is safe to meet again: a creation looks for the connection first and adopts it, and a card
     * or an unpause may be asked for twice.
     */
    public void run(WorkItem item) {
        try {
            step(item);
        } catch (ClaimKeeper.ClaimLost lost) {
            claims.dropped(item, lost);
        }
    }

    private void step(WorkItem item) {
        try {
            switch (item.state()) {
                case PENDING -> createOrAdopt(item);
                case CREATED -> issueCard(item, item.connectionId());
                case ACTIVATING -> activate(item);
                case REACTIVATING -> reactivate(item);
                case ACTIVE -> {
                    if (item.tablesDue()) {
                        announceTables(item);
                    }
                }
                default -> Log.debugf("nothing due on %s in %s", item.requestId(), item.state());
            }
        } catch (ClaimKeeper.ClaimLost lost) {
            throw lost; // not a failure of the step: nothing of it is recorded (run)
        } catch (FivetranException e) {
            if (e instanceof FivetranAuthenticationException && (readsSchema(item) || reactivates(item))) {
                // Our API key, not the request: rotated, revoked or short of permission. Counted for an alert, and
                // retried until an operator fixes it; the request does not fail for it.
                String step = reactivates(item) ? "reactivation" : "schema";
                registry.counter("gatehouse.connector.fivetran.unauthorized", "status", String.valueOf(e.status()),
                        "step", step).increment();
                Log.warnf("request %s: Fivetran refused our API key (%s), retrying later: %s", item.requestId(), step,
                        e.getMessage());
                requests.credentialsRefused(item, e.getMessage());
            } else if (e.isRetryable() || isSchemaNotYetThere(item, e)) {
                Optional<Duration> retryAfter = e instanceof FivetranRateLimitedException limited
                        ? limited.retryAfter() : Optional.empty();
                Log.warnf("request %s: Fivetran failed transiently in %s, retrying later: %s", item.requestId(),
                        item.state(), e.getMessage());
                requests.retryLater(item, e.getMessage(), retryAfter);
            } else {
                Log.warnf("request %s: Fivetran refused in %s: %s", item.requestId(), item.state(), e.getMessage());
                requests.failed(item, e.code(), e.fivetranMessage() == null ? e.getMessage() : e.fivetranMessage());
            }
        } catch (RuntimeException e) {
            // Anything else (a crash before our commit, the database away): the row stays with us, tried again later.
            Log.warnf(e, "request %s: step %s failed, retrying later", item.requestId(), item.state());
            requests.retryLater(item, e.toString(), Optional.empty());
        }
    }

    /**
     * The connection's last successful sync as Fivetran reports it ({@code succeeded_at}; empty before the first).
     * Kept to the microsecond, as the database keeps it. Called by the sync poller outside any transaction; a failure
     * is the caller's to handle.
     */
    public Optional<Instant> lastSuccess(String connectionId) {
        String succeededAt = fivetran.connection(connectionId).succeededAt();
        return succeededAt == null || succeededAt.isBlank() ? Optional.empty()
                : Optional.of(OffsetDateTime.parse(succeededAt).toInstant().truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * The connection's {@code setup_state} as Fivetran reports it ({@code connected} once the owner finished the Connect
     * Card). Called by the poller outside any transaction; a failure is the caller's to handle.
     */
    public String setupState(String connectionId) {
        return fivetran.connection(connectionId).setupState();
    }

    /**
     * Exactly one connection per request: look first (a crash after an earlier create left one), create
     * otherwise, and on 409 adopt the one that holds the schema.
     */
    private void createOrAdopt(WorkItem item) {
        Optional<Connection> existing = fivetran(item).findConnection(item.groupId(), item.schemaName());
        Connection connection;
        if (existing.isPresent()) {
            connection = adopt(item, existing.get());
        } else {
            try {
                connection = fivetran(item).createConnection(new CreateConnection(item.groupId(), item.service(), true, false,
                        naming.config(item.service(), item.schemaName(), item.config()), cardConfig(item)));
            } catch (FivetranConflictException e) {
                connection = adopt(item, fivetran(item).findConnection(item.groupId(), item.schemaName())
                        .orElseThrow(() -> e));
            }
            hooks.afterConnectionCreated(item.requestId(), connection.id());
        }
        ConnectCard card = connection.connectCard() != null && connection.connectCard().uri() != null
                ? connection.connectCard()
                : fivetran(item).connectCard(connection.id(), cardConfig(item));
        requests.cardIssued(item, connection.id(), card.uri(), links.ownerLink(item.requestId()));
    }

    private Connection adopt(WorkItem item, Connection found) {
        if (!item.service().equals(found.service())) {
            // Someone else's connection holds the schema: adopting it would hand them our owner's card.
            throw new FivetranException(409, "Conflict", "Schema '" + item.schemaName() + "' of group '"
                    + item.groupId() + "' is taken by a " + found.service() + " connection (" + found.id() + ")");
        }
        Optional<String> holder = requests.holderOf(found.id()).filter(other -> !other.equals(item.requestId()));
        if (holder.isPresent()) {
            // Two requests must never share one connection (nor one owner's card).
            throw new FivetranException(409, "Conflict", "Schema '" + item.schemaName() + "' of group '" + item.groupId()
                    + "' already belongs to connection " + found.id() + " of onboarding request " + holder.get());
        }
        Log.infof("request %s adopts existing connection %s", item.requestId(), found.id());
        return found;
    }

    private void issueCard(WorkItem item, String connectionId) {
        ConnectCard card = fivetran(item).connectCard(connectionId, cardConfig(item));
        requests.cardIssued(item, connectionId, card.uri(), links.ownerLink(item.requestId()));
    }

    private void activate(WorkItem item) {
        fivetran(item).unpause(item.connectionId());
        requests.activated(item);
    }

    /**
     * An operator's reactivation: Fivetran decides. Connected, the connection is unpaused if it was paused (so it syncs)
     * and the request is ACTIVE again; otherwise it waits in BROKEN with Fivetran's setup state as its last error.
     */
    private void reactivate(WorkItem item) {
        Connection connection = fivetran(item).connection(item.connectionId());
        if (!connection.connected()) {
            Log.infof("request %s: connection %s is not connected (setup_state %s); waiting in BROKEN",
                    item.requestId(), item.connectionId(), connection.setupState());
            requests.stillDisconnected(item, connection.setupState());
            return;
        }
        if (!Boolean.FALSE.equals(connection.paused())) {
            fivetran(item).unpause(item.connectionId());
        }
        requests.reactivated(item);
    }

    private void announceTables(WorkItem item) {
        SchemaConfig schemaConfig = fivetran(item).schemaConfig(item.connectionId());
        List<LandedTable> tables = new ArrayList<>();
        if (schemaConfig != null && schemaConfig.schemas() != null) {
            schemaConfig.schemas().forEach((sourceSchema, schema) -> {
                if (Boolean.FALSE.equals(schema.enabled()) || schema.tables() == null) {
                    return;
                }
                String destinationSchema = asStored(schema.nameInDestination() != null ? schema.nameInDestination() : sourceSchema);
                schema.tables().forEach((sourceTable, table) -> {
                    if (!Boolean.FALSE.equals(table.enabled())) {
                        tables.add(new LandedTable(destinationSchema,
                                asStored(table.nameInDestination() != null ? table.nameInDestination() : sourceTable)));
                    }
                });
            });
        }
        int announced = requests.tablesFound(item, tables);
        Log.infof("request %s: %d table(s) in schema config, %d new", item.requestId(), tables.size(), announced);
    }

    /** The client for the step's next Fivetran call, once its claim is checked: a step taken over stops here. */
    private FivetranClient fivetran(WorkItem item) {
        claims.check(item);
        return fivetran;
    }

    /** A destination name as Snowflake stores it (see {@link ConnectorConfig#destinationUpperCase()}). */
    private String asStored(String name) {
        return config.destinationUpperCase() ? name.toUpperCase(Locale.ROOT) : name;
    }

    /** The card returns the owner to the webhook-receiver with a signed state binding the request. */
    private ConnectCardConfig cardConfig(WorkItem item) {
        return new ConnectCardConfig(links.redirectUri(item.requestId()), true, null);
    }

    /** The step that reads the schema config: an ACTIVE request whose tables are due. */
    private static boolean readsSchema(WorkItem item) {
        return item.state() == ConnectorState.ACTIVE && item.tablesDue();
    }

    /** The step that checks a connection for an operator's reactivation. */
    private static boolean reactivates(WorkItem item) {
        return item.state() == ConnectorState.REACTIVATING;
    }

    /** Right after a sync the schema config may lag a moment: NotFound_SchemaConfig is worth another look. */
    private static boolean isSchemaNotYetThere(WorkItem item, FivetranException e) {
        return e instanceof FivetranNotFoundException && item.tablesDue() && "NotFound_SchemaConfig".equals(e.code());
    }
}
