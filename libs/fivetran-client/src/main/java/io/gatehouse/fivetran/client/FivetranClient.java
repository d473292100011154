package io.gatehouse.fivetran.client;

import io.gatehouse.fivetran.client.model.ConnectCard;
import io.gatehouse.fivetran.client.model.ConnectCardConfig;
import io.gatehouse.fivetran.client.model.ConnectCardRequest;
import io.gatehouse.fivetran.client.model.Connection;
import io.gatehouse.fivetran.client.model.ConnectionPage;
import io.gatehouse.fivetran.client.model.CreateConnection;
import io.gatehouse.fivetran.client.model.CreateWebhook;
import io.gatehouse.fivetran.client.model.SchemaConfig;
import io.gatehouse.fivetran.client.model.SyncRequest;
import io.gatehouse.fivetran.client.model.UpdateConnection;
import io.gatehouse.fivetran.client.model.Webhook;
import io.gatehouse.fivetran.client.model.WebhookPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Gatehouse does with Fivetran, with retries and the envelope unwrapped. Failures are
 * {@link io.gatehouse.fivetran.client.error.FivetranException}s. Methods block: call them from worker threads.
 */
@ApplicationScoped
public class FivetranClient {
    private static final int PAGE_SIZE = 100;

    private final FivetranApi api;
    private final FivetranRetry retry;

    @Inject
    public FivetranClient(@RestClient FivetranApi api, FivetranConfig config) {
        this(api, new FivetranRetry(FivetranRetry.Settings.of(config.retry())));
    }

    public FivetranClient(FivetranApi api, FivetranRetry retry) {
        this.api = api;
        this.retry = retry;
    }

    /**
     * Creates a connection. If an attempt failed without an answer (timeout, 5xx) the next attempt first looks for
     * a connection with the same schema in the group, so a create that did happen is not repeated; such a
     * connection is returned as listed, without its Connect Card (ask {@link #connectCard} for one).
     */
    public Connection createConnection(CreateConnection request) {
        return retry.call("create connection", () -> api.createConnection(request).data(),
                () -> request.schema() == null ? Optional.empty() : findConnection(request.groupId(), request.schema()));
    }

    public Connection connection(String connectionId) {
        return retry.call("get connection", () -> api.connection(connectionId).data());
    }

    /** Unpauses; on a connected connection this starts its first sync. */
    public Connection unpause(String connectionId) {
        return update(connectionId, new UpdateConnection(false, null, null));
    }

    public Connection pause(String connectionId) {
        return update(connectionId, new UpdateConnection(true, null, null));
    }

    public Connection update(String connectionId, UpdateConnection update) {
        return retry.call("update connection", () -> api.updateConnection(connectionId, update).data());
    }

    /** A new Connect Card (valid one day; it replaces the previous one) returning the user to redirectUri. */
    public ConnectCard connectCard(String connectionId, String redirectUri) {
        return connectCard(connectionId, new ConnectCardConfig(redirectUri, true, null));
    }

    public ConnectCard connectCard(String connectionId, ConnectCardConfig config) {
        return retry.call("create connect card", () -> api.connectCard(connectionId, new ConnectCardRequest(config)).data().connectCard());
    }

    public void syncNow(String connectionId) {
        retry.call("trigger sync", () -> api.sync(connectionId, new SyncRequest(false)));
    }

    /** Throws FivetranNotFoundException (code NotFound_SchemaConfig) until the first sync produced one. */
    public SchemaConfig schemaConfig(String connectionId) {
        return retry.call("read schema config", () -> api.schemaConfig(connectionId).data());
    }

    /** The connection of the group whose destination schema is exactly {@code schema}, walking every page. */
    public Optional<Connection> findConnection(String groupId, String schema) {
        String cursor = null;
        do {
            String pageCursor = cursor;
            ConnectionPage page = retry.call("list connections",
                    () -> api.groupConnections(groupId, schema, pageCursor, PAGE_SIZE).data());
            if (page == null || page.items() == null) return Optional.empty();
            Optional<Connection> match = page.items().stream().filter(c -> schema.equals(c.schema())).findFirst();
            if (match.isPresent()) return match;
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return Optional.empty();
    }

    /** A group webhook signing its deliveries with {@code secret} (HMAC-SHA256, header X-Fivetran-Signature-256). */
    public Webhook createGroupWebhook(String groupId, String url, String secret, List<String> events) {
        return retry.call("create group webhook",
                () -> api.createGroupWebhook(groupId, new CreateWebhook(url, List.copyOf(events), true, secret)).data());
    }

    /** Every webhook of the account (group and account webhooks), walking every page. */
    public List<Webhook> webhooks() {
        List<Webhook> all = new ArrayList<>();
        String cursor = null;
        do {
            String pageCursor = cursor;
            WebhookPage page = retry.call("list webhooks", () -> api.webhooks(pageCursor, PAGE_SIZE).data());
            if (page == null || page.items() == null) return all;
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return all;
    }
}
