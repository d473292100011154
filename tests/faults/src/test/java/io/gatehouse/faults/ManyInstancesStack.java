package io.gatehouse.faults;

import static io.restassured.RestAssured.given;

import io.gatehouse.testing.process.KafkaProcess;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.testing.process.ServiceDatabases;
import io.gatehouse.testing.process.ServiceProcess;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Two (or more) instances of every service, each service's instances on one database, on one broker process: the
 * {@link GrantStack} (with the Snowflake sandbox) and the {@link OnboardingStack} (with the Fivetran sandbox) built on
 * the same broker and databases, every JVM started before any is waited for.
 */
final class ManyInstancesStack implements AutoCloseable {

    final ServiceDatabases databases = new ServiceDatabases();
    KafkaProcess kafka;
    GrantStack grant;
    OnboardingStack onboarding;
    private Instant lastEventTime = Instant.EPOCH;

    ManyInstancesStack(int instances) throws Exception {
        try {
            kafka = KafkaProcess.start();
            grant = new GrantStack(kafka, databases, "many_grant", instances, Map.of());
            onboarding = new OnboardingStack(kafka, databases, "many", instances);
            grant.awaitReady();
            onboarding.awaitReady();
        } catch (Exception | Error e) {
            // no JVM of a half-started stack outlives the test
            close();
            throw e;
        }
    }

    /** One instance of each service, as one node's loss takes them. */
    List<ServiceProcess> firstOfEach() {
        return List.of(grant.grants.get(0), onboarding.onboardings.get(0), onboarding.connectors.get(0),
                onboarding.receivers.get(0));
    }

    /** Sends HR changes in one batch, each with a time after every change sent before it (their order is their time). */
    synchronized List<String> send(List<HrStory.Change> changes) {
        List<GatehouseEvent> events = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (HrStory.Change change : changes) {
            Instant now = Instant.now();
            lastEventTime = now.isAfter(lastEventTime) ? now : lastEventTime.plusMillis(1);
            times.add(lastEventTime);
            String userId = "u-" + change.login();
            events.add(change.join()
                    ? new UserJoinedBusiness(userId, change.login(), change.business())
                    : new UserLeftBusiness(userId, change.login(), change.business()));
        }
        return grant.send(events, times);
    }

    /** Each business's members as Snowflake has them. */
    Map<String, Set<String>> members(List<String> businesses) {
        Map<String, Set<String>> members = new TreeMap<>();
        businesses.forEach(business -> members.put(business, grant.members(business)));
        return members;
    }

    /** The names of the roles granted to {@code role} ({@code SHOW GRANTS TO ROLE}). */
    Set<String> rolesGrantedTo(String role) {
        return grantsTo(role, "ROLE");
    }

    /** The objects of kind {@code grantedOn} on which {@code role} holds a privilege, names without quotes. */
    Set<String> grantsTo(String role, String grantedOn) {
        return grant.snowflake.executeAsAdmin("SHOW GRANTS TO ROLE " + role).stream()
                .filter(row -> grantedOn.equals(row.get("granted_on")))
                .map(row -> row.get("name").replace("\"", ""))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The tables Fivetran lands for a {@code sql_server_rds} connection into {@code schema}, created in Snowflake. */
    List<String> landTables(String schema) {
        String prefix = "RAW." + schema.toUpperCase();
        List<String> tables = List.of(prefix + "_DBO.CUSTOMERS", prefix + "_DBO.ORDERS", prefix + "_SALES.INVOICES");
        for (String table : tables) {
            grant.snowflake.executeAsAdmin("CREATE SCHEMA IF NOT EXISTS " + table.substring(0, table.lastIndexOf('.')));
            grant.snowflake.executeAsAdmin("CREATE TABLE IF NOT EXISTS " + table + " (ID NUMBER)");
            grant.snowflake.executeAsAdmin("INSERT INTO " + table + " VALUES (1)");
        }
        return tables;
    }

    /** {@code PUT /table-groups/{group}} on one grant-service instance: the businesses it is published in. */
    void publish(ServiceProcess instance, String group, List<String> businesses) {
        given().auth().oauth2(grant.token()).contentType("application/json").body(Map.of("businesses", businesses))
                .put(instance.baseUrl() + "/table-groups/" + group).then().statusCode(202);
    }

    /** {@code POST /reconcile} on one grant-service instance; its answer (the reconcile id and the drift found). */
    JsonPath reconcile(ServiceProcess instance) {
        return given().auth().oauth2(grant.token()).post(instance.baseUrl() + "/reconcile")
                .then().statusCode(202).extract().jsonPath();
    }

    /** Inbox rows of every consumer of one service's database: consumer to event ids, with how often each is there. */
    Map<String, Map<String, Long>> inbox(String database) throws Exception {
        Map<String, Map<String, Long>> inbox = new TreeMap<>();
        try (Connection c = databases.connect(database);
             ResultSet rs = c.createStatement().executeQuery(
                     "select consumer, event_id, count(*) from processed_event group by consumer, event_id")) {
            while (rs.next()) {
                inbox.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
            }
        }
        return inbox;
    }

    /** Rows of one query over a service's database, each row's columns joined by a space. */
    List<String> rows(String database, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = databases.connect(database); ResultSet rs = c.createStatement().executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(String.join(" ", row));
            }
        }
        return rows;
    }

    /** Webhooks registered at Fivetran for the receivers' one public URL. */
    long webhooksForTheReceivers() {
        return JsonPath.from(onboarding.registeredWebhooks()).getList("data.items.url", String.class).stream()
                .filter(url -> url.contains(onboarding.webhooks.address())).count();
    }

    /** Every onboarding request's state. */
    Map<String, String> states(List<String> requests) {
        return requests.stream().collect(Collectors.toMap(id -> id, id -> onboarding.view(id).getString("state")));
    }

    boolean allActiveWithTables(List<String> requests) {
        return requests.stream().map(onboarding::view)
                .allMatch(view -> "ACTIVE".equals(view.getString("state")) && view.getList("tables").size() == 3);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable part : java.util.Arrays.asList(onboarding, grant, kafka, databases)) {
            if (part != null) {
                part.close();
            }
        }
    }
}
