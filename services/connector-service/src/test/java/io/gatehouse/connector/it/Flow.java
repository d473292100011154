package io.gatehouse.connector.it;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.connector.domain.ConnectorState;
import io.gatehouse.connector.persistence.ConnectorRequest;
import io.gatehouse.connector.persistence.SyncPoll;
import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.ConnectorBroken;
import io.gatehouse.events.ConnectorRequested;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.Owner;
import io.gatehouse.events.SetupCompleted;
import io.gatehouse.events.SyncCompleted;
import io.gatehouse.events.SyncStatus;
import io.gatehouse.events.Topics;
import io.gatehouse.fivetran.sandbox.SandboxConnection;
import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;

/** Drives the connector-service from the outside: events in on Kafka, events out on Kafka, Fivetran in the sandbox. */
final class Flow {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KafkaCompanion companion;

    Flow(KafkaCompanion companion) {
        this.companion = companion;
    }

    static ConnectorRequested request(String service, String group) {
        String id = UUID.randomUUID().toString();
        return new ConnectorRequested(id, service, group, "src_" + id.substring(0, 8),
                Map.of("host", "sql.example.com", "port", 1433, "database", "sales"),
                new Owner("Ada Owner", "ada@example.com"), "sales_core", List.of("finance", "sales"));
    }

    /** A request of {@code service} (e.g. a {@link #newService}) into the sandbox's group. */
    static ConnectorRequested request(String service) {
        return request(service, FivetranSandboxResource.GROUP);
    }

    static ConnectorRequested request() {
        return request("sql_server_rds", FivetranSandboxResource.GROUP);
    }

    <T extends GatehouseEvent> CloudEvent<T> send(T data) {
        return send(CloudEvent.of("/tests", data));
    }

    <T extends GatehouseEvent> CloudEvent<T> send(CloudEvent<T> event) {
        KafkaEvents.send(companion, KafkaEvents.record(event));
        return event;
    }

    /** The first event of {@code ceName} (e.g. ConnectCardIssued) on {@code topic} with that key, as JSON. */
    JsonNode await(String topic, String key, String ceName) {
        ConsumerRecord<String, String> record = KafkaEvents.awaitRecord(companion, topic,
                r -> key.equals(r.key()) && isType(r, ceName), WAIT);
        return json(record.value());
    }

    JsonNode awaitOnboarding(String requestId, String ceName) {
        return await(Topics.ONBOARDING, requestId, ceName);
    }

    /** All events of {@code ceName} whose body mentions {@code needle}, read for a few seconds. */
    List<JsonNode> all(String topic, String ceName, String needle, Duration window) {
        return KafkaEvents.recordsWithin(companion, topic, r -> isType(r, ceName) && r.value().contains(needle), window)
                .stream().map(r -> json(r.value())).toList();
    }

    static List<SandboxConnection> connectionsWithSchema(String schema) {
        return FivetranSandboxResource.sandbox().connections().stream().filter(c -> schema.equals(c.schema())).toList();
    }

    /** A service of its own in the sandbox catalogue, one source schema {@code main} with {@code table}. */
    static String newService(String table) {
        String service = "test_app_" + UUID.randomUUID().toString().substring(0, 8);
        FivetranSandboxResource.sandbox().settings().catalog().service(service, Map.of("main", List.of(table)));
        return service;
    }

    /** Request -> ConnectCardIssued (nobody completes the card yet); the card event, as JSON. */
    JsonNode cardIssued(ConnectorRequested request) {
        send(request);
        return awaitOnboarding(request.requestId(), "ConnectCardIssued");
    }

    /** Request -> card completed in the sandbox -> SetupCompleted -> ConnectorActivated; the first sync has landed. */
    String activated(ConnectorRequested request) {
        JsonNode issued = cardIssued(request);
        FivetranSandboxResource.sandbox().completeConnectCard(issued.path("connectCardUri").asText(),
                FivetranSandboxResource.CREDENTIAL);
        String connectionId = issued.path("connectionId").asText();
        send(new SetupCompleted(request.requestId(), connectionId));
        awaitOnboarding(request.requestId(), "ConnectorActivated");
        Awaitility.await().atMost(WAIT).until(() -> !FivetranSandboxResource.sandbox().connection(connectionId).tablesBySchema().isEmpty());
        return connectionId;
    }

    /** {@link #activated}, then the first sync's SyncCompleted: {@code table} (of a {@link #newService}) announced. */
    String activeWithTableAnnounced(ConnectorRequested request, String table) {
        String connectionId = activated(request);
        send(new SyncCompleted(connectionId, null, null, SyncStatus.SUCCESSFUL, null));
        awaitTable(request, table);
        return connectionId;
    }

    /** What the webhook-receiver publishes for Fivetran's {@code connection_failure} webhook, {@code message} its reason. */
    CloudEvent<ConnectorBroken> connectionFailure(String connectionId, String message) {
        return send(new ConnectorBroken(connectionId, FivetranSandboxResource.GROUP, "connection_failure", message));
    }

    /** TableAdded for {@code table} of a {@link #newService} request (schema {@code <schemaName>}, upper case). */
    JsonNode awaitTable(ConnectorRequested request, String table) {
        return await(Topics.CATALOG, "RAW." + request.schemaName().toUpperCase(Locale.ROOT) + "." + table,
                "TableAdded");
    }

    /** The source of a {@link #newService} now holds {@code tables}, and Fivetran's schema config has picked them up. */
    static void sourceGrows(String service, String connectionId, String... tables) {
        FivetranSandboxResource.sandbox().settings().catalog().service(service, Map.of("main", List.of(tables)));
        reloadSchema(connectionId);
    }

    static void reloadSchema(String connectionId) {
        given().auth().preemptive().basic(FivetranSandboxResource.API_KEY, FivetranSandboxResource.API_SECRET)
                .post(FivetranSandboxResource.sandbox().baseUrl() + "/v1/connections/" + connectionId + "/schemas/reload")
                .then().statusCode(200);
    }

    /** The request row holding the connection, read in a transaction of its own. */
    static ConnectorRequest row(String connectionId) {
        return QuarkusTransaction.requiringNew().call(() -> ConnectorRequest.byConnection(connectionId).orElseThrow());
    }

    /** Waits until the service's inbox has taken {@code event} (applied or refused: its transaction committed). */
    static void awaitProcessed(CloudEvent<?> event) {
        Awaitility.await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(
                () -> ((Number) ConnectorRequest.getEntityManager()
                        .createNativeQuery("select count(*) from processed_event where event_id = ?1")
                        .setParameter(1, event.id()).getSingleResult()).longValue() == 1));
    }

    static void awaitState(String connectionId, ConnectorState state) {
        Awaitility.await().atMost(WAIT).until(() -> row(connectionId).state == state);
    }

    /** The request's poll row (schedule, last success seen), read in a transaction of its own. */
    static SyncPoll poll(String requestId) {
        return QuarkusTransaction.requiringNew().call(() -> SyncPoll.<SyncPoll>findById(requestId));
    }

    static void awaitPoll(String requestId, Predicate<SyncPoll> condition) {
        Awaitility.await().atMost(WAIT).until(() -> condition.test(poll(requestId)));
    }

    /** Waits for a poll that read the request's connection after {@code after}; returns when it did. */
    static Instant awaitPolledAfter(String requestId, Instant after) {
        awaitPoll(requestId, p -> p.polledAt != null && p.polledAt.isAfter(after));
        return poll(requestId).polledAt;
    }

    /** What the counter {@code meter} has counted so far with {@code outcome}, summed over its other tags. */
    static double counted(MeterRegistry registry, String meter, String outcome) {
        return registry.find(meter).tag("outcome", outcome).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static boolean isType(ConsumerRecord<String, String> r, String ceName) {
        return KafkaEvents.header(r, "ce_type").orElse("").equals("gatehouse." + ceName + ".v1");
    }

    private static JsonNode json(String value) {
        try {
            return MAPPER.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
