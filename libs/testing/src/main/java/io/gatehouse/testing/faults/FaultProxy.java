package io.gatehouse.testing.faults;

import io.gatehouse.testing.net.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on loopback that tests put between a service and a real dependency (PostgreSQL, Kafka, a sandbox) to
 * make that dependency fail the way networks fail: refuse new connections, cut the open ones, delay every byte, or
 * swallow everything without an answer. Nothing of the dependency is mocked: bytes pass through untouched until a
 * fault is switched on.
 *
 * <p>Test support only: one thread per direction of each connection, loopback only.
 */
public final class FaultProxy implements AutoCloseable {

    /** What the proxy does with traffic now. */
    public enum Mode {
        /** Forward both ways. */
        PASS,
        /** Forward both ways, each chunk after a delay. */
        DELAY,
        /** Accept connections and read from them, but forward nothing and answer nothing. */
        BLACKHOLE,
        /** Not listening: a connect attempt is refused by the operating system. */
        REFUSE
    }

    private final InetSocketAddress target;
    private final int port;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.PASS);
    private final AtomicLong delayMillis = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private volatile ServerSocket server;
    /** The thread accepting on {@link #server}: {@link #refuse()} waits for it to end (see there). */
    private volatile Future<?> acceptor;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target, int port) throws IOException {
        this.target = target;
        this.server = listen(port);
        this.port = server.getLocalPort();
        ServerSocket listening = server;
        this.acceptor = threads.submit(() -> acceptLoop(listening));
    }

    /** A proxy on a free loopback port (below the ephemeral range, see {@link FreePorts}) forwarding to {@code host:port}. */
    public static FaultProxy to(String host, int port) {
        try {
            return new FaultProxy(new InetSocketAddress(host, port), FreePorts.pick());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port a client connects to instead of the target's. */
    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public Mode mode() {
        return mode.get();
    }

    /** Connections accepted since start. */
    public long accepted() {
        return accepted.get();
    }

    /** Back to normal: listens again (after {@link #refuse()}) and forwards without delay. */
    public synchronized FaultProxy pass() {
        delayMillis.set(0);
        mode.set(Mode.PASS);
        relisten();
        return this;
    }

    /** Every chunk in either direction waits {@code delay} first (open and new connections). */
    public synchronized FaultProxy delay(Duration delay) {
        delayMillis.set(delay.toMillis());
        mode.set(Mode.DELAY);
        relisten();
        return this;
    }

    /** Open and new connections go silent: what is sent is swallowed and nothing comes back. */
    public synchronized FaultProxy blackhole() {
        mode.set(Mode.BLACKHOLE);
        relisten();
        return this;
    }

    /**
     * Stops listening, so new connections are refused, and cuts the open ones. Returns once the port refuses: closing
     * a socket that a thread is blocked accepting on leaves it listening until that thread is woken (the kernel holds
     * the socket for the running accept call), and a connect in that window was seen to succeed.
     */
    public synchronized FaultProxy refuse() {
        mode.set(Mode.REFUSE);
        stopListening();
        cut();
        return this;
    }

    /** Closes every open connection at once, as a dropped network or a restarted peer would; new ones follow the mode. */
    public FaultProxy cut() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
        return this;
    }

    @Override
    public synchronized void close() {
        closed = true;
        stopListening();
        cut();
        threads.shutdownNow();
    }

    private void relisten() {
        if (server.isClosed() && !closed) {
            try {
                server = listen(port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + port + " again", e);
            }
            ServerSocket current = server;
            acceptor = threads.submit(() -> acceptLoop(current));
        }
    }

    private void stopListening() {
        closeQuietly(server);
        try {
            acceptor.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the proxy on " + port + " did not stop accepting", e);
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void acceptLoop(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException e) {
                return; // closed by refuse() or close()
            }
            accepted.incrementAndGet();
            open.add(client);
            if (!fork(() -> connect(client))) {
                closeQuietly(client);
                return;
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            open.remove(client);
            return; // the target itself is down: the client sees its connection close
        }
        open.add(upstream);
        if (fork(() -> pump(client, upstream))) {
            pump(upstream, client);
        } else {
            closeQuietly(upstream);
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                Mode now = mode.get();
                if (now == Mode.BLACKHOLE) {
                    continue;
                }
                if (now == Mode.DELAY) {
                    Thread.sleep(delayMillis.get());
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketException e) {
            // cut, refused or closed by the peer: end both sides below
        } catch (IOException e) {
            // likewise
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    /** Runs {@code task} on a proxy thread; false once the proxy is closed (a connection that raced the close). */
    private boolean fork(Runnable task) {
        try {
            threads.execute(task);
            return true;
        } catch (RejectedExecutionException closedMeanwhile) {
            return false;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
