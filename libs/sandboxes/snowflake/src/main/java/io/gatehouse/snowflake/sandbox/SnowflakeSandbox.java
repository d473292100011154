package io.gatehouse.snowflake.sandbox;

import io.gatehouse.snowflake.sandbox.engine.Engine;
import io.gatehouse.snowflake.sandbox.engine.Result;
import io.gatehouse.snowflake.sandbox.engine.Session;
import io.gatehouse.snowflake.sandbox.login.LoginProof;
import io.gatehouse.snowflake.sandbox.rbac.Account;
import io.gatehouse.snowflake.sandbox.rbac.SystemRoles;
import io.gatehouse.snowflake.sandbox.state.StateFile;
import io.gatehouse.snowflake.sandbox.wire.Backend;
import io.gatehouse.snowflake.sandbox.wire.SessionRegistry;
import io.gatehouse.snowflake.sandbox.wire.WireServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A local Snowflake for tests: speaks the HTTP protocol of the unmodified snowflake-jdbc driver on 127.0.0.1
 * (plain HTTP) and enforces Snowflake's role-based access control for the access-control subset of SQL.
 *
 * <pre>{@code
 * try (SnowflakeSandbox sf = SnowflakeSandbox.builder().adminPassword("pw").build().start()) {
 *     sf.executeAsAdmin("CREATE ROLE ANALYST");
 *     Connection c = DriverManager.getConnection(sf.jdbcUrl(), sf.connectionProperties("ADMIN", "pw"));
 * }
 * }</pre>
 *
 * {@link #stop()} closes the HTTP server but keeps the account and the open sessions; {@link #start()} then
 * binds the same port again, so a driver connection opened before the stop works after the restart.
 */
public final class SnowflakeSandbox implements AutoCloseable {

    private final String accountName;
    private final String adminUser;
    private final String adminPassword;
    private final StateFile stateFile;
    private final Engine engine;
    private final SessionRegistry sessions;
    private final StatementLog log = new StatementLog();
    private final WireServer server;
    private final Session adminSession;
    private volatile Duration latency;
    private int port;

    private SnowflakeSandbox(Builder b) {
        this.accountName = b.accountName;
        this.adminUser = b.adminUser;
        this.adminPassword = b.adminPassword;
        this.latency = b.latency;
        this.port = b.port;
        this.sessions = new SessionRegistry(b.sessionValidity, b.masterValidity, java.time.Clock.systemUTC());
        this.stateFile = b.stateFile == null ? null : new StateFile(b.stateFile);
        Account account = stateFile == null ? null : stateFile.load().map(Account::restore).orElse(null);
        this.engine = new Engine(account != null ? account : freshAccount(), stateFile);
        this.engine.requireWarehouse(b.requireWarehouse);
        this.adminSession = new Session("internal-admin", 0, adminUser, SystemRoles.ACCOUNTADMIN);
        this.server = new WireServer(new DriverBackend(), sessions);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts (or restarts) the HTTP server; after the first start the same port is used again. */
    public synchronized SnowflakeSandbox start() {
        port = server.start(port);
        return this;
    }

    /** Stops the HTTP server. State and sessions are kept for {@link #start()}. */
    public synchronized void stop() {
        server.stop();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public void close() {
        stop();
    }

    /** The bound port (the configured one before the first start). */
    public int port() {
        return port;
    }

    public String accountName() {
        return accountName;
    }

    public String adminUser() {
        return adminUser;
    }

    /**
     * {@code jdbc:snowflake://127.0.0.1:<port>/?ssl=off&account=<account>}: ssl=off makes the driver use plain
     * HTTP; the account must be given because the driver cannot derive it from an IP address.
     */
    public String jdbcUrl() {
        return "jdbc:snowflake://127.0.0.1:" + port + "/?ssl=off&account=" + accountName;
    }

    /**
     * Driver properties for a login: user, password, account, ssl=off, and disablePlatformDetection=true so the
     * driver does not probe cloud metadata endpoints (1 s and SEVERE log lines on a machine without network).
     */
    public Properties connectionProperties(String user, String password) {
        Properties p = new Properties();
        p.put("user", user);
        p.put("password", password);
        p.put("account", accountName);
        p.put("ssl", "off");
        p.put("disablePlatformDetection", "true");
        p.put("loginTimeout", "20");
        return p;
    }

    /**
     * Driver properties for a key-pair login ({@code authenticator=SNOWFLAKE_JWT}): the driver signs its login JWT
     * with {@code privateKey}; no password is sent.
     */
    public Properties keyPairConnectionProperties(String user, java.security.PrivateKey privateKey) {
        Properties p = connectionProperties(user, "");
        p.remove("password");
        p.put("authenticator", "SNOWFLAKE_JWT");
        p.put("privateKey", privateKey);
        return p;
    }

    /** Drops everything back to a fresh account (system roles + admin user) and clears the statement log. */
    public void reset() {
        engine.replaceAccount(freshAccount());
        for (Session s : sessions.all()) {
            s.database(null);
            s.schema(null);
            s.warehouse(null);
        }
        adminSession.role(SystemRoles.ACCOUNTADMIN);
        log.clear();
    }

    /**
     * Runs one statement as the admin user with ACCOUNTADMIN (bootstrap for tests), without latency and without
     * entering the statement log. Returns the rows as column-name-to-value maps; throws {@link SqlException}.
     */
    public List<Map<String, String>> executeAsAdmin(String sql) {
        Result result = engine.executeWithoutWarehouse(adminSession, sql);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> row : result.rows()) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < result.columns().size(); i++) {
                m.put(result.columns().get(i).name(), row.get(i));
            }
            rows.add(m);
        }
        return rows;
    }

    /**
     * The grant-service's least-privilege service role as the README has an administrator create it: {@code role} with
     * CREATE ROLE and MANAGE GRANTS on the account, granted up to SYSADMIN, a password user {@code user} that holds it
     * as its default role, and USAGE and CREATE SCHEMA on each of {@code databases} (created here).
     */
    public void provisionServiceUser(String role, String user, String password, String... databases) {
        provision(role, "CREATE USER " + user + " PASSWORD = '" + password + "' DEFAULT_ROLE = " + role, user,
                databases);
    }

    /**
     * As {@link #provisionServiceUser}, but the user is a TYPE = SERVICE user without a password that logs in only
     * with the private key of {@code rsaPublicKey} (base64 of the DER, as ALTER USER ... SET RSA_PUBLIC_KEY takes it).
     */
    public void provisionKeyPairServiceUser(String role, String user, String rsaPublicKey, String... databases) {
        provision(role, "CREATE USER " + user + " TYPE = SERVICE RSA_PUBLIC_KEY = '" + rsaPublicKey
                + "' DEFAULT_ROLE = " + role, user, databases);
    }

    private void provision(String role, String createUser, String user, String... databases) {
        executeAsAdmin("CREATE ROLE " + role);
        executeAsAdmin("GRANT CREATE ROLE, MANAGE GRANTS ON ACCOUNT TO ROLE " + role);
        executeAsAdmin("GRANT ROLE " + role + " TO ROLE SYSADMIN");
        executeAsAdmin(createUser);
        executeAsAdmin("GRANT ROLE " + role + " TO USER " + user);
        for (String database : databases) {
            executeAsAdmin("CREATE DATABASE " + database);
            executeAsAdmin("GRANT USAGE, CREATE SCHEMA ON DATABASE " + database + " TO ROLE " + role);
        }
    }

    public StatementLog statementLog() {
        return log;
    }

    /** A fixed delay before each driver statement, to stand in for a warehouse's 100-300 ms round trip. */
    public void setStatementLatency(Duration latency) {
        this.latency = Objects.requireNonNull(latency);
    }

    /** Switches {@link Builder#requireWarehouse(boolean)} on a running sandbox. */
    public void setRequireWarehouse(boolean required) {
        engine.requireWarehouse(required);
    }

    public Duration statementLatency() {
        return latency;
    }

    /** Every session token expires now, as an idle session's does in a real account; the driver renews it. */
    public void expireSessionTokens() {
        sessions.expireSessionTokens();
    }

    /**
     * Forgets every session, as a restarted Snowflake process would: an old connection's query is refused with
     * 390112, its renewal with 390114, and the driver gives up; only a new login works.
     */
    public void forgetSessions() {
        sessions.forgetAll();
    }

    /** Number of open driver sessions. */
    public int openSessions() {
        return sessions.size();
    }

    private Account freshAccount() {
        return SystemRoles.newAccount(accountName, adminUser, adminPassword);
    }

    /** Driver traffic: latency outside the statement lock (so parallel connections overlap), then log. */
    private final class DriverBackend implements Backend {

        @Override
        public Session login(String token, long id, String loginName, LoginProof proof, String role, String database,
                             String schema, String warehouse) {
            return engine.login(token, id, loginName, proof, role, database, schema, warehouse);
        }

        @Override
        public Result execute(Session session, String sql, List<String> bindings) {
            Duration delay = latency;
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long start = System.nanoTime();
            String role = session.role();
            try {
                Result result = engine.execute(session, sql, bindings);
                log.record(session.id(), session.user(), role, sql, null, (System.nanoTime() - start) / 1000);
                return result;
            } catch (SqlException e) {
                log.record(session.id(), session.user(), role, sql, e.code(), (System.nanoTime() - start) / 1000);
                throw e;
            }
        }
    }

    /** Settings for a sandbox; every one has a default suitable for tests. */
    public static final class Builder {
        private int port;
        private String accountName = "SANDBOX";
        private String adminUser = "ADMIN";
        private String adminPassword = "admin";
        private Duration latency = Duration.ZERO;
        private Path stateFile;
        private Duration sessionValidity = Duration.ofHours(1);
        private Duration masterValidity = Duration.ofHours(4);
        private boolean requireWarehouse;

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder accountName(String accountName) {
            this.accountName = Objects.requireNonNull(accountName);
            return this;
        }

        /** The initial user, granted ACCOUNTADMIN; its login name is case-insensitive. */
        public Builder adminUser(String adminUser) {
            this.adminUser = adminUser.toUpperCase(java.util.Locale.ROOT);
            return this;
        }

        public Builder adminPassword(String adminPassword) {
            this.adminPassword = Objects.requireNonNull(adminPassword);
            return this;
        }

        public Builder statementLatency(Duration latency) {
            this.latency = Objects.requireNonNull(latency);
            return this;
        }

        /** How long a session token works before the driver must renew it (Snowflake: about an hour). */
        public Builder sessionValidity(Duration validity) {
            this.sessionValidity = Objects.requireNonNull(validity);
            return this;
        }

        /** How long a master token can renew session tokens (Snowflake: four hours). */
        public Builder masterValidity(Duration validity) {
            this.masterValidity = Objects.requireNonNull(validity);
            return this;
        }

        /**
         * Whether a statement that reads or writes rows (SELECT ... FROM, INSERT) needs a current warehouse the
         * session's roles hold USAGE on, failing with 000606 otherwise. That is Snowflake's behaviour; it is off
         * by default only until Gatehouse grants warehouses to the roles it manages, so that the existing tests
         * of business members reading tables keep working meanwhile.
         */
        public Builder requireWarehouse(boolean required) {
            this.requireWarehouse = required;
            return this;
        }

        /** A JSON file the account is loaded from at build time and saved to after every change. */
        public Builder stateFile(Path stateFile) {
            this.stateFile = stateFile;
            return this;
        }

        public SnowflakeSandbox build() {
            return new SnowflakeSandbox(this);
        }
    }
}
