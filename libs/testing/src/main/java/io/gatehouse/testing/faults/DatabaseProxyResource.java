package io.gatehouse.testing.faults;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.sql.SQLException;
import java.util.Map;
import org.h2.tools.Server;

/**
 * Puts a {@link FaultProxy} between the service under test and its own database, so a test can take the database
 * away for real. On PostgreSQL (the build's {@code -Ppostgres}) it
 * proxies that server; on the embedded default it starts an H2 TCP server, since an in-memory H2 has no connection to
 * cut. Use with {@code restrictToAnnotatedClass = true}: the whole application of that test talks through the proxy.
 */
public class DatabaseProxyResource implements QuarkusTestResourceLifecycleManager {

    /** The build's test database (-Ppostgres sets it; unset on the embedded default). */
    static final String TEST_DB_URL = "gatehouse.test.db.url";
    /** The libraries' test default reads the test database from here; a test resource outranks it. */
    private static final String URL_KEY = "%test.quarkus.datasource.jdbc.url";

    private static volatile FaultProxy proxy;
    private Server h2;

    /** The proxy of the running test application. */
    public static FaultProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        String url = System.getProperty(TEST_DB_URL, "");
        if (url.startsWith("jdbc:postgresql://")) {
            URI target = URI.create(url.substring("jdbc:".length()));
            proxy = FaultProxy.to(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
            String proxied = "jdbc:postgresql://" + proxy.address() + target.getRawPath()
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            return Map.of(URL_KEY, proxied);
        }
        try {
            h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start an H2 TCP server", e);
        }
        proxy = FaultProxy.to("127.0.0.1", h2.getPort());
        return Map.of(URL_KEY, "jdbc:h2:tcp://" + proxy.address() + "/mem:proxied;DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (h2 != null) {
            h2.stop();
        }
    }
}
