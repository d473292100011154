package io.gatehouse.testing.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loopback ports for test servers, picked below Linux's ephemeral range (32768 and up).
 *
 * <p>Why not {@code new ServerSocket(0)}: the system hands out a port from the ephemeral range, the same range it
 * uses for outgoing connections. Such a port can be taken by some process's outgoing connection before the server
 * that was to listen on it starts (with eight service JVMs and a broker starting at once, one was), and a client that
 * connects to a closed port of that range can be connected to itself by the kernel (TCP simultaneous open), so a
 * refusal a test expects turns into a connection (seen once in CI for the proxy's refuse mode).
 */
public final class FreePorts {

    private static final Random PORTS = new Random();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port free now, between 20000 and 32000, never handed out twice by this JVM. */
    public static int pick() throws IOException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 20000 + PORTS.nextInt(12000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException inUse) {
                // another one
            }
        }
        throw new IOException("no free port below 32000");
    }
}
