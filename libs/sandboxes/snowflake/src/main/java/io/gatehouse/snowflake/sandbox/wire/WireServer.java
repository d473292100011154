package io.gatehouse.snowflake.sandbox.wire;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP server bound to 127.0.0.1, speaking plain HTTP (the driver connects with {@code ssl=off}).
 * TCP_NODELAY is switched on: without it every round trip costs ~45 ms (Nagle + delayed ACK, research §5).
 */
public final class WireServer {

    static {
        // Read once by the JDK's ServerConfig when the first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Backend backend;
    private final SessionRegistry sessions;
    private HttpServer server;
    private ExecutorService executor;

    public WireServer(Backend backend, SessionRegistry sessions) {
        this.backend = backend;
        this.sessions = sessions;
    }

    /** Binds to {@code port} (0 picks a free one) and returns the bound port. */
    public synchronized int start(int port) {
        if (server != null) {
            return server.getAddress().getPort();
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            executor = Executors.newFixedThreadPool(32, r -> {
                Thread t = new Thread(r, "snowflake-sandbox-http-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            s.setExecutor(executor);
            s.createContext("/", new ProtocolHandler(backend, sessions));
            s.start();
            server = s;
            return s.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Snowflake sandbox to 127.0.0.1:" + port, e);
        }
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }
}
