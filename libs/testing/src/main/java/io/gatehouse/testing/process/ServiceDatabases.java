package io.gatehouse.testing.process;

import io.gatehouse.testing.faults.FaultProxy;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.h2.tools.Server;

/**
 * Each service process's own database, of the kind the services were built for, durable across the process's
 * restarts (a killed service comes back to its data): a schema of its own in the PostgreSQL test database under
 * {@code -Ppostgres}, otherwise an in-memory H2 database served by an H2 TCP server in the test JVM. Either can be
 * reached through a {@link FaultProxy}, so a test can take the database away from a running service.
 *
 * <p>The build passes {@code gatehouse.db.kind}, {@code gatehouse.db.url} and {@code gatehouse.db.username}.
 * PostgreSQL needs its JDBC driver on the test classpath (to drop a previous run's schema).
 */
public final class ServiceDatabases implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    private final boolean postgres = "postgresql".equals(System.getProperty("gatehouse.db.kind"));
    private final URI postgresUrl = URI.create(System.getProperty("gatehouse.db.url", "jdbc:postgresql://127.0.0.1:5432/test")
            .substring("jdbc:".length()));
    private final String username = System.getProperty("gatehouse.db.username", "postgres");
    private final List<FaultProxy> proxies = new ArrayList<>();
    private Server h2;

    /** A database reached through a proxy: the service's settings, and the proxy that cuts it. */
    public record Proxied(Map<String, String> env, FaultProxy proxy) {
    }

    /** Settings (environment variables) for a fresh database named {@code name}, reached directly. */
    public Map<String, String> env(String name) {
        return envFor(name, host(), port());
    }

    /** Settings for a fresh database named {@code name}, reached through a new {@link FaultProxy}. */
    public Proxied proxied(String name) {
        FaultProxy proxy = FaultProxy.to(host(), port());
        proxies.add(proxy);
        return new Proxied(envFor(name, "127.0.0.1", proxy.port()), proxy);
    }

    private Map<String, String> envFor(String name, String host, int port) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name " + name);
        }
        Map<String, String> env = new HashMap<>();
        if (postgres) {
            recreateSchema(name);
            env.put("GATEHOUSE_DB_URL", "jdbc:postgresql://" + host + ":" + port + postgresUrl.getRawPath() + "?currentSchema=" + name);
            env.put("QUARKUS_DATASOURCE_USERNAME", username);
            env.put("QUARKUS_FLYWAY_SCHEMAS", name);
        } else {
            env.put("GATEHOUSE_DB_URL", "jdbc:h2:tcp://" + host + ":" + port + "/mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
        }
        return env;
    }

    private void recreateSchema(String name) {
        try (Connection c = DriverManager.getConnection("jdbc:" + postgresUrl, username, "");
             Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + name + " cascade");
            s.execute("create schema " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare schema " + name + " in " + postgresUrl, e);
        }
    }

    private String host() {
        return postgres ? postgresUrl.getHost() : "127.0.0.1";
    }

    private synchronized int port() {
        if (postgres) {
            return postgresUrl.getPort() < 0 ? 5432 : postgresUrl.getPort();
        }
        if (h2 == null) {
            try {
                h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot start an H2 TCP server", e);
            }
        }
        return h2.getPort();
    }

    /** Opens a JDBC connection to a database of {@link #env} (to read what a service wrote), directly. */
    public Connection connect(String name) throws SQLException {
        String url = postgres
                ? "jdbc:postgresql://" + host() + ":" + port() + postgresUrl.getRawPath() + "?currentSchema=" + name
                : "jdbc:h2:tcp://127.0.0.1:" + port() + "/mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL";
        // the services log in to H2 without a user name (none configured), so the test does too
        return DriverManager.getConnection(url, postgres ? username : "", "");
    }

    @Override
    public void close() {
        proxies.forEach(FaultProxy::close);
        if (h2 != null) {
            h2.stop();
        }
    }
}
