package io.gatehouse.bench;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.process.KafkaProcess;
import io.gatehouse.testing.process.ServiceDatabases;
import io.gatehouse.testing.process.ServiceProcess;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;

/**
 * Events applied per second by one and by two grant-service instances on one database, through the whole path: HR
 * events on Kafka, the inbox, the job queue in the database, the apply workers, snowflake-jdbc and the sandbox at a
 * fixed statement latency (100 ms by default, a warehouse's round trip). Each configuration gets a fresh broker,
 * database and account; the clock runs from the first join sent to the last member seen in Snowflake.
 */
final class GrantScaleOut implements Benchmarks.Harness {

    private static final String BUSINESS = "bench";
    static final String SERVICE_USER = "GATEHOUSE_SVC";
    static final String SERVICE_PASSWORD = "bench-service-password";

    private final int joins = Integer.getInteger("bench.joins", 600);
    private final Duration latency = Duration.ofMillis(Long.getLong("bench.latency-ms", 100));

    @Override
    public String run() throws Exception {
        StringBuilder table = new StringBuilder(String.format(
                "%d UserJoinedBusiness events (new users, one business) at %d ms per statement, default settings "
                        + "(apply concurrency 8 per instance, the default Snowflake pool).%n%n"
                        + "| instances | wall time | events/s | statements | statement time / (8 x instances) | speed-up |%n"
                        + "|---|---|---|---|---|---|%n", joins, latency.toMillis()));
        double single = 0;
        Plot plot = Plot.of("Events applied per second, " + joins + " joins at " + latency.toMillis() + " ms per statement",
                "grant-service instances", "events/s");
        for (int instances : Benchmarks.ints("bench.instances", "1,2")) {
            Measured run = measure(instances);
            single = instances == 1 ? run.perSecond() : single;
            double limit = run.statements() * latency.toMillis() / 1000.0 / (8.0 * instances);
            table.append(String.format("| %d | %.1f s | %.1f | %d | %.1f s | %.2fx |%n", instances, run.seconds(), run.perSecond(),
                    run.statements(), limit, run.perSecond() / single));
            plot.point("measured", instances, run.perSecond());
            if (limit > 0) {    // at 0 ms per statement Snowflake sets no limit: only the pipeline's own pace shows
                plot.point("statement limit (8 apply slots per instance)", instances, run.events() / limit);
            }
        }
        table.append(System.lineSeparator()).append(Report.image("events/s by instances", plot.writeLine("grant-scale-out")));
        return table.toString();
    }

    /** One configuration's outcome: all joins seen in Snowflake after {@code took}, with the statements it ran. */
    record Measured(int instances, Duration took, long statements, int events) {
        double seconds() {
            return took.toMillis() / 1000.0;
        }

        double perSecond() {
            return events / seconds();
        }
    }

    private Measured measure(int instances) throws Exception {
        try (KafkaProcess kafka = KafkaProcess.start();
             KafkaCompanion companion = new KafkaCompanion(kafka.bootstrapServers());
             SnowflakeSandbox snowflake = SnowflakeSandbox.builder().accountName("BENCH").adminPassword("admin").build().start();
             ServiceDatabases databases = new ServiceDatabases()) {
            provision(snowflake);
            List<String> logins = new ArrayList<>();
            for (int i = 0; i < joins; i++) {
                logins.add("BENCH_" + i);
                snowflake.executeAsAdmin("CREATE USER BENCH_" + i + " PASSWORD = 'pw'");
                snowflake.executeAsAdmin("GRANT OWNERSHIP ON USER BENCH_" + i + " TO ROLE GATEHOUSE_ADMIN");
            }
            Map<String, String> env = env(databases, "bench_grant", kafka, snowflake);
            env.put("GATEHOUSE_GRANT_DRIFT_INTERVAL", "off"); // its SHOWs would count as the joins' statements
            List<ServiceProcess> services = new ArrayList<>();
            try {
                for (int i = 0; i < instances; i++) {
                    services.add(ServiceProcess.start("grant-service", "grant-service-" + (i + 1), KafkaProcess.freePort(), env));
                }
                for (ServiceProcess service : services) {
                    service.awaitReady(Duration.ofSeconds(180));
                }
                send(companion, new TableAdded("RAW", "BENCH", "FACTS", "facts", List.of(BUSINESS), null, null));
                Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> !snowflake.executeAsAdmin("SHOW ROLES LIKE 'GH_BIZ_BENCH_PUBLIC'").isEmpty());

                snowflake.setStatementLatency(latency);
                long statementsBefore = snowflake.statementLog().entries().size();
                Instant start = Instant.now();
                sendAll(companion, joins(logins, BUSINESS));
                Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> members(snowflake) >= joins);
                Duration took = Duration.between(start, Instant.now());
                return new Measured(instances, took, snowflake.statementLog().entries().size() - statementsBefore, joins);
            } finally {
                services.forEach(ServiceProcess::close);
            }
        }
    }

    /** The service role and user (README one-time setup) and the published table every business reads. */
    static void provision(SnowflakeSandbox snowflake) {
        snowflake.provisionServiceUser("GATEHOUSE_ADMIN", SERVICE_USER, SERVICE_PASSWORD, "RAW");
        snowflake.executeAsAdmin("CREATE SCHEMA RAW.BENCH");
        snowflake.executeAsAdmin("CREATE TABLE RAW.BENCH.FACTS (ID NUMBER)");
    }

    /** A grant-service's environment: its database schema, the broker and the sandbox with the service user. */
    static Map<String, String> env(ServiceDatabases databases, String schema, KafkaProcess kafka, SnowflakeSandbox snowflake) {
        Map<String, String> env = new HashMap<>(databases.env(schema));
        env.putAll(ServiceProcess.baseEnv(kafka.bootstrapServers()));
        env.put("GATEHOUSE_SNOWFLAKE_URL", snowflake.jdbcUrl());
        env.put("GATEHOUSE_SNOWFLAKE_USER", SERVICE_USER);
        env.put("GATEHOUSE_SNOWFLAKE_PASSWORD", SERVICE_PASSWORD);
        return env;
    }

    /** Members of the business "bench": user roles holding its public role. */
    static int members(SnowflakeSandbox snowflake) {
        return (int) snowflake.executeAsAdmin("SHOW GRANTS OF ROLE GH_BIZ_BENCH_PUBLIC").stream()
                .filter(row -> row.get("grantee_name").startsWith("GH_USER_")).count();
    }

    static void send(KafkaCompanion companion, GatehouseEvent data) {
        sendAll(companion, List.of(data));
    }

    /**
     * Publishes the events in order through one producer, as an HR system's stream arrives. One send per event would
     * open and close a producer each time (the companion's way), tens of milliseconds a record: the harness, not the
     * service, would then set the pace of a stream of thousands.
     */
    static void sendAll(KafkaCompanion companion, List<? extends GatehouseEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<ProducerRecord<String, String>> records = events.stream()
                .map(data -> KafkaEvents.record(new CloudEvent<>(UUID.randomUUID().toString(), "/bench", Instant.now(), data)))
                .toList();
        companion.produceStrings().fromRecords(records).awaitCompletion(Duration.ofMinutes(5));
    }

    static List<UserJoinedBusiness> joins(List<String> logins, String business) {
        return logins.stream().map(login -> new UserJoinedBusiness("u-" + login, login, business)).toList();
    }
}
