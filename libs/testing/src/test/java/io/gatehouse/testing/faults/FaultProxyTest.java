package io.gatehouse.testing.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plain unit test over real sockets: a line-echo server behind the proxy, and each fault as a client sees it. */
class FaultProxyTest {

    private ServerSocket echo;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    new Thread(() -> echoLines(s)).start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        server.setDaemon(true);
        server.start();
        proxy = FaultProxy.to("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void passesBytesBothWays() throws IOException {
        try (Client c = new Client(proxy.port())) {
            assertThat(c.ask("hello")).isEqualTo("hello");
        }
        assertThat(proxy.accepted()).isEqualTo(1);
    }

    @Test
    void refusedConnectionsFailAtConnectAndComeBackAfterPass() throws IOException {
        proxy.refuse();
        assertThatThrownBy(() -> new Client(proxy.port())).isInstanceOf(ConnectException.class);
        proxy.pass();
        try (Client c = new Client(proxy.port())) {
            assertThat(c.ask("back")).isEqualTo("back");
        }
    }

    @Test
    void cutClosesOpenConnections() throws IOException {
        try (Client c = new Client(proxy.port())) {
            assertThat(c.ask("one")).isEqualTo("one");
            proxy.cut();
            assertThat(c.askOrNull("two")).isNull();
        }
    }

    @Test
    void blackholeAnswersNothingUntilPass() throws IOException {
        try (Client c = new Client(proxy.port())) {
            proxy.blackhole();
            c.socket.setSoTimeout(300);
            c.out.println("lost");
            assertThatThrownBy(c.in::readLine).isInstanceOf(SocketTimeoutException.class);
        }
        proxy.pass();
        try (Client c = new Client(proxy.port())) {
            assertThat(c.ask("heard")).isEqualTo("heard");
        }
    }

    @Test
    void delayHoldsEveryChunk() throws IOException {
        proxy.delay(Duration.ofMillis(400));
        try (Client c = new Client(proxy.port())) {
            c.socket.setSoTimeout(200);
            c.out.println("slow");
            assertThatThrownBy(c.in::readLine).isInstanceOf(SocketTimeoutException.class);
            c.socket.setSoTimeout(5_000);
            assertThat(c.in.readLine()).isEqualTo("slow");
        }
    }

    private static void echoLines(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
            }
        } catch (IOException e) {
            // client gone
        }
    }

    /** A line client with a timeout, so a broken path fails the test instead of hanging it. */
    private static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final PrintWriter out;

        Client(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(5_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        String ask(String line) throws IOException {
            out.println(line);
            return in.readLine();
        }

        /** The answer, or null when the connection was closed or reset. */
        String askOrNull(String line) {
            try {
                out.println(line);
                return in.readLine();
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
