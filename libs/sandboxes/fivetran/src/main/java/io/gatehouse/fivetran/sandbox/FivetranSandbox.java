package io.gatehouse.fivetran.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.fivetran.sandbox.card.ConnectCardBrowser;
import io.gatehouse.fivetran.sandbox.card.ConnectCardIssuer;
import io.gatehouse.fivetran.sandbox.card.ConnectCardPages;
import io.gatehouse.fivetran.sandbox.connection.Connection;
import io.gatehouse.fivetran.sandbox.connection.ConnectionApi;
import io.gatehouse.fivetran.sandbox.connection.ConnectionStore;
import io.gatehouse.fivetran.sandbox.connection.SetupTester;
import io.gatehouse.fivetran.sandbox.http.BasicAuth;
import io.gatehouse.fivetran.sandbox.http.FaultInjector;
import io.gatehouse.fivetran.sandbox.http.Json;
import io.gatehouse.fivetran.sandbox.http.RecordedRequest;
import io.gatehouse.fivetran.sandbox.http.Router;
import io.gatehouse.fivetran.sandbox.sync.SyncSimulator;
import io.gatehouse.fivetran.sandbox.webhook.WebhookApi;
import io.gatehouse.fivetran.sandbox.webhook.WebhookDelivery;
import io.gatehouse.fivetran.sandbox.webhook.WebhookDispatcher;
import io.gatehouse.fivetran.sandbox.webhook.WebhookRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Fivetran as a client sees it, on 127.0.0.1: the REST API under {@code /v1/connections} and {@code /v1/connectors},
 * Connect Card pages, a sync simulation and signed webhooks. Build with {@link #builder()}, then {@link #start()}.
 */
public final class FivetranSandbox implements AutoCloseable {
    private final SandboxSettings settings;
    private final ConnectionStore store;
    private final WebhookRegistry webhooks = new WebhookRegistry();
    private final FaultInjector faults = new FaultInjector();
    private final ScheduledExecutorService scheduler;
    private final WebhookDispatcher dispatcher;
    private final SyncSimulator sync;
    private final Router router;
    private HttpServer server;
    private ExecutorService requestThreads;

    private FivetranSandbox(SandboxSettings settings) {
        this.settings = settings;
        Clock clock = settings.clock();
        this.store = new ConnectionStore(settings.catalog(), settings.groups());
        this.scheduler = Executors.newScheduledThreadPool(2, daemon("fivetran-sandbox-jobs"));
        this.dispatcher = new WebhookDispatcher(webhooks, scheduler, clock, settings.webhookRetryIncrement(),
                settings.webhookMaxAttempts(), settings.upperCaseSignatures());
        this.sync = new SyncSimulator(store, dispatcher, scheduler, clock, settings.syncDuration());
        SetupTester setupTester = new SetupTester(settings.acceptedCredential());
        ConnectCardIssuer cards = new ConnectCardIssuer(store, clock, this::baseUrl);
        this.router = new Router(faults, new BasicAuth(settings.apiKey(), settings.apiSecret()), clock);
        new ConnectionApi(store, cards, sync, setupTester, clock).routes(router);
        new ConnectCardPages(store, cards, setupTester, sync).routes(router);
        new WebhookApi(webhooks, store, clock, settings.requireHttpsWebhooks()).routes(router);
    }

    public static SandboxSettings.Builder builder() { return SandboxSettings.builder(); }

    static FivetranSandbox create(SandboxSettings settings) { return new FivetranSandbox(settings); }

    public synchronized FivetranSandbox start() {
        if (server != null) return this;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the Fivetran sandbox to port " + settings.port(), e);
        }
        // A pool, not one thread: a request held by delayNext must not stall the others.
        requestThreads = Executors.newCachedThreadPool(daemon("fivetran-sandbox-http"));
        server.setExecutor(requestThreads);
        server.createContext("/", router);
        server.start();
        return this;
    }

    public synchronized void stop() {
        if (server == null) return;
        server.stop(0);
        requestThreads.shutdownNow();
        scheduler.shutdownNow();
        server = null;
    }

    @Override
    public void close() { stop(); }

    /** e.g. {@code http://127.0.0.1:41234}; the REST API lives under {@code /v1}. */
    public synchronized String baseUrl() {
        if (server == null) throw new IllegalStateException("The Fivetran sandbox is not started");
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() { return server.getAddress().getPort(); }

    public SandboxSettings settings() { return settings; }

    /** Forgets connections, webhooks, scripted faults, the API latency and the request log; groups and catalogue stay. */
    public void reset() {
        synchronized (store) {
            store.clear();
        }
        webhooks.clear();
        faults.clear();
        router.setApiLatency(Duration.ZERO);
        router.clearLog();
        dispatcher.clear();
        sync.reset();
    }

    // ---- fault injection -------------------------------------------------------------------------------------

    /**
     * The next {@code times} requests whose path (or "METHOD path") matches the regex get {@code status} without
     * being processed; {@code retryAfterSeconds} (nullable) is sent as {@code Retry-After}.
     */
    public FivetranSandbox failNext(String pathPattern, int status, int times, Integer retryAfterSeconds) {
        faults.failNext(pathPattern, status, times, retryAfterSeconds);
        return this;
    }

    /**
     * Every REST API response ({@code /v1}) from now on is held {@code latency} before the request is processed, as
     * Fivetran's API answers from afar; Connect Card pages are not held. Settable while running; zero (the default)
     * answers at once. Refuses a negative latency.
     */
    public FivetranSandbox setApiLatency(Duration latency) {
        router.setApiLatency(latency);
        return this;
    }

    public Duration apiLatency() { return router.apiLatency(); }

    /** The next {@code times} matching requests are held for {@code delay}, then processed normally. */
    public FivetranSandbox delayNext(String pathPattern, Duration delay, int times) {
        faults.delayNext(pathPattern, delay, times);
        return this;
    }

    /**
     * Every matching request (path or "METHOD path" regex) answers {@code status} for {@code duration}, as during a
     * Fivetran incident; Connect Card pages are served by other paths and stay up unless the pattern names them.
     */
    public FivetranSandbox failFor(String pathPattern, int status, Duration duration) {
        faults.failFor(pathPattern, status, duration);
        return this;
    }

    /**
     * The source stops accepting the connection's credentials (rotated, revoked): its setup state becomes
     * {@code broken}, syncs stop, and a signed {@code connection_failure} webhook goes out with the reason.
     */
    public void breakConnection(String connectionId, String reason) {
        Connection c;
        synchronized (store) {
            c = require(connectionId);
            c.setupState = "broken";
        }
        dispatcher.publish("connection_failure", c.id, c.service, c.schema, c.groupId, null, Json.object().put("reason", reason));
    }

    /**
     * The source accepts the connection again (someone fixed the credentials at the source): it is connected and,
     * unless paused, syncs at once. No setup test ran, so no {@code connection_successful} is sent: the recovery
     * shows in the sync.
     */
    public void repairConnection(String connectionId) {
        synchronized (store) {
            Connection c = require(connectionId);
            c.setupState = "connected";
            sync.startIfDue(c);
        }
    }

    /** Lets a day pass for every issued Connect Card: their links now show Fivetran's "expired" page. */
    public void expireConnectCards() {
        synchronized (store) {
            store.all().stream().filter(c -> c.cardIssuedAt != null)
                    .forEach(c -> c.cardIssuedAt = settings.clock().instant().minus(ConnectCardIssuer.LIFETIME).minusSeconds(1));
        }
    }

    /**
     * A table appears in the source of every connection of {@code service}; with the schema change handling the
     * sandbox reports ({@code ALLOW_ALL}) the next successful sync brings it into the destination.
     */
    public void addSourceTable(String service, String schema, String table) {
        synchronized (store) {
            Map<String, List<String>> schemas = new LinkedHashMap<>(store.catalog().schemasOf(service));
            List<String> tables = new java.util.ArrayList<>(schemas.getOrDefault(schema, List.of()));
            tables.add(table);
            schemas.put(schema, tables);
            store.catalog().service(service, schemas);
        }
    }

    private Connection require(String connectionId) {
        Connection c = store.find(connectionId);
        if (c == null) {
            throw new IllegalArgumentException("no connection " + connectionId);
        }
        return c;
    }

    /** The next {@code count} syncs end with {@code sync_end} status FAILED. */
    public FivetranSandbox failNextSyncs(int count) {
        sync.failNext(count);
        return this;
    }

    public void addGroup(String groupId) { store.addGroup(groupId); }

    // ---- inspection ------------------------------------------------------------------------------------------

    public List<SandboxConnection> connections() {
        synchronized (store) {
            return store.all().stream().map(FivetranSandbox::snapshot).toList();
        }
    }

    public SandboxConnection connection(String id) {
        synchronized (store) {
            Connection c = store.find(id);
            return c == null ? null : snapshot(c);
        }
    }

    /** Connections created through the API since start or the last reset (rejected attempts do not count). */
    public int createCount() { return store.createCount(); }

    public List<RecordedRequest> requests() { return router.log(); }

    /** How many answered requests match the regex (path or "METHOD path"). */
    public long requestCount(String pattern) { return router.log().stream().filter(r -> r.matches(pattern)).count(); }

    public List<WebhookDelivery> webhookDeliveries() { return dispatcher.deliveries(); }

    /**
     * Acts as the end user's browser: opens the card, submits {@code credential}, and returns the redirect
     * Location. Throws when no redirect happened (wrong credential, expired card), with the page's message.
     */
    public String completeConnectCard(String cardUri, String credential) {
        ConnectCardBrowser.Outcome outcome = new ConnectCardBrowser().complete(cardUri, credential);
        if (!outcome.redirected()) {
            throw new IllegalStateException("Connect Card not completed (HTTP " + outcome.status() + "): " + outcome.errorMessage());
        }
        return outcome.location();
    }

    private static SandboxConnection snapshot(Connection c) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        if (c.schemaConfig != null) {
            c.schemaConfig.forEach((schema, entry) -> {
                Map<String, String> byTable = new LinkedHashMap<>();
                entry.tables().forEach((t, te) -> byTable.put(t, te.nameInDestination()));
                tables.put(schema, byTable);
            });
        }
        return new SandboxConnection(c.id, c.groupId, c.service, c.schema, c.paused, c.setupState, c.syncState,
                c.redirectUri, c.cardUri, tables);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
