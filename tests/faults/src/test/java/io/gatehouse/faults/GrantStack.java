package io.gatehouse.faults;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.faults.FaultProxy;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.process.KafkaProcess;
import io.gatehouse.testing.process.ServiceDatabases;
import io.gatehouse.testing.process.ServiceProcess;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The grant-service as production runs it, on this machine: the packaged service in its own JVM, a Kafka broker in
 * another, its PostgreSQL (or the embedded default) behind a {@link FaultProxy}, and the Snowflake sandbox, whose
 * HTTP server the stories stop and start. Everything a story reads, it reads through the real interfaces: the
 * sandbox's grants over its SQL, the service's own tables over JDBC, its REST API.
 */
final class GrantStack implements AutoCloseable {

    static final String DATABASE = "faults_grant";
    private static final String SERVICE_USER = "GATEHOUSE_SVC";
    private static final String SERVICE_PASSWORD = "faults-service-password";

    final KafkaProcess kafka;
    final KafkaCompanion companion;
    final SnowflakeSandbox snowflake;
    final ServiceDatabases databases;
    /** The service's database name: every instance shares it. */
    final String databaseName;
    final FaultProxy database;
    /** Every instance, each its own JVM on the one database; {@link #grant} is the first. */
    final List<ServiceProcess> grants;
    final ServiceProcess grant;
    private final boolean ownsBrokerAndDatabases;

    /** One instance on a broker and database of its own, ready. */
    GrantStack(Map<String, String> settings) throws Exception {
        this(1, settings);
    }

    /** {@code instances} instances on one database, with a broker and database of their own, ready. */
    GrantStack(int instances, Map<String, String> settings) throws Exception {
        this(KafkaProcess.start(), new ServiceDatabases(), true, DATABASE, instances, settings);
        ServiceInstances.awaitReady(grants);
    }

    /**
     * {@code instances} instances sharing the database {@code databaseName}, on a broker and databases the caller
     * owns (and closes). Started, not waited for: call {@link #awaitReady()} once everything else is started too.
     */
    GrantStack(KafkaProcess kafka, ServiceDatabases databases, String databaseName, int instances, Map<String, String> settings)
            throws Exception {
        this(kafka, databases, false, databaseName, instances, settings);
    }

    private GrantStack(KafkaProcess kafka, ServiceDatabases databases, boolean owns, String databaseName, int instances,
                       Map<String, String> settings) throws Exception {
        this.kafka = kafka;
        this.databases = databases;
        this.ownsBrokerAndDatabases = owns;
        this.databaseName = databaseName;
        companion = new KafkaCompanion(kafka.bootstrapServers());
        snowflake = SnowflakeSandbox.builder().accountName("FAULTS").adminPassword("admin").build().start();
        snowflake.provisionServiceUser("GATEHOUSE_ADMIN", SERVICE_USER, SERVICE_PASSWORD, "RAW");
        // every instance goes through the one proxy: a cut takes the database away from all of them
        ServiceDatabases.Proxied db = databases.proxied(databaseName);
        database = db.proxy();
        Map<String, String> env = new HashMap<>(db.env());
        env.putAll(ServiceProcess.baseEnv(kafka.bootstrapServers()));
        env.put("GATEHOUSE_SNOWFLAKE_URL", snowflake.jdbcUrl());
        env.put("GATEHOUSE_SNOWFLAKE_USER", SERVICE_USER);
        env.put("GATEHOUSE_SNOWFLAKE_PASSWORD", SERVICE_PASSWORD);
        // a dead Snowflake is noticed in seconds, not after the driver's default of minutes
        env.put("GATEHOUSE_SNOWFLAKE_NETWORK_TIMEOUT_MS", "5000");
        // a killed holder's job is taken over once its lease runs out: more than twice a statement's worst time
        env.put("GATEHOUSE_GRANT_APPLY_LEASE", "PT20S");
        env.putAll(settings);
        grants = ServiceInstances.start("grant-service", ServiceInstances.freePorts(instances), env);
        grant = grants.get(0);
    }

    void awaitReady() throws InterruptedException {
        ServiceInstances.awaitReady(grants);
    }

    /** A table in Snowflake and its TableAdded, so that the business's public role exists; waits for the role. */
    void publishTable(String schema, String table, String group, String business) {
        snowflake.executeAsAdmin("CREATE SCHEMA IF NOT EXISTS RAW." + schema);
        snowflake.executeAsAdmin("CREATE TABLE RAW." + schema + "." + table + " (ID NUMBER)");
        send(new io.gatehouse.events.TableAdded("RAW", schema, table, group, List.of(business), null, null), Instant.now());
        Awaits.until(Duration.ofSeconds(60), () -> !snowflake.executeAsAdmin("SHOW ROLES LIKE 'GH_BIZ_" + business + "_PUBLIC'").isEmpty());
    }

    /**
     * Snowflake users that exist before anyone joins (identity provisioning ran first), owned by the service role so
     * it may set their DEFAULT_ROLE (services/grant-service/README.md).
     */
    void users(List<String> logins) {
        logins.forEach(login -> {
            snowflake.executeAsAdmin("CREATE USER " + login + " PASSWORD = 'pw'");
            snowflake.executeAsAdmin("GRANT OWNERSHIP ON USER " + login + " TO ROLE GATEHOUSE_ADMIN");
        });
    }

    /** Puts an event on Kafka as an outside producer would, with its CloudEvents time. Returns the event id. */
    String send(GatehouseEvent data, Instant time) {
        return send(List.of(data), List.of(time)).get(0);
    }

    /** Puts events on Kafka through one producer, in order, the i-th with {@code times.get(i)}. Returns their ids. */
    List<String> send(List<? extends GatehouseEvent> data, List<Instant> times) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            CloudEvent<GatehouseEvent> event = new CloudEvent<>(UUID.randomUUID().toString(), "/tests/faults", times.get(i), data.get(i));
            records.add(KafkaEvents.timedRecord(event));
            ids.add(event.id());
        }
        companion.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(60));
        return ids;
    }

    /** The user roles holding the business's public role, as Snowflake answers {@code SHOW GRANTS OF ROLE}. */
    Set<String> members(String business) {
        return snowflake.executeAsAdmin("SHOW GRANTS OF ROLE GH_BIZ_" + business + "_PUBLIC").stream()
                .map(row -> row.get("grantee_name"))
                .filter(name -> name.startsWith("GH_USER_"))
                .map(name -> name.substring("GH_USER_".length()))
                .collect(Collectors.toSet());
    }

    /** Successful statements in the sandbox's log that mention {@code text}, with how often each ran. */
    Map<String, Long> statementsRun(String text) {
        return snowflake.statementLog().entries().stream()
                .filter(e -> e.succeeded() && e.sql().contains(text))
                .collect(Collectors.groupingBy(e -> e.sql(), Collectors.counting()));
    }

    /** Audit rows with outcome OK that mention {@code text}, with how often each statement was recorded. */
    Map<String, Long> audited(String text) throws Exception {
        return auditCounts("select statement, count(*) from audit_entry where outcome = 'OK' and statement like ? group by statement", text);
    }

    /** Statements mentioning {@code text} recorded more than once for the same event: a change applied twice. */
    Map<String, Long> auditedTwiceForOneEvent(String text) throws Exception {
        return auditCounts("select event_id || ' ' || statement, count(*) from audit_entry where outcome = 'OK' and statement like ?"
                + " group by event_id, statement having count(*) > 1", text);
    }

    private Map<String, Long> auditCounts(String sql, String text) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = databases.connect(databaseName); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, "%" + text + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /** Rows the service parked as dead letters (records it could never apply). */
    long deadLetters() throws Exception {
        try (Connection c = databases.connect(databaseName);
             ResultSet rs = c.createStatement().executeQuery("select count(*) from dead_letter")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> logins(String prefix, int count) {
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            logins.add(prefix + "_" + i);
        }
        return logins;
    }

    String token() {
        return TestTokens.platformAdmin();
    }

    @Override
    public void close() throws Exception {
        ServiceInstances.close(grants);
        snowflake.close();
        companion.close();
        if (ownsBrokerAndDatabases) {
            kafka.close();
            databases.close();
        }
    }
}
