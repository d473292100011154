package io.gatehouse.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.events.EventType;
import io.gatehouse.testing.process.ServiceProcess;
import io.restassured.path.json.JsonPath;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Order;

/**
 * Issue 13's must-show story: two instances of every service, each pair on its service's database, one broker.
 * 500 HR events, three onboarding requests and a table-group change flow through while one instance of each service
 * is killed with SIGKILL and, 20 s later, started again; both grant-service instances are asked to reconcile at the
 * same moment while a stream of leaves is applied. At the end Snowflake holds exactly the desired state computed
 * here from what was sent, nobody who left can read, and nothing was applied, recorded or announced twice.
 */
@Order(4)
@Isolated("eight service JVMs and a broker: alone, so their startup and the kills are not timed against another story")
@ExtendWith(SharedManyInstances.class)
class ManyInstancesIT {

    private static final List<String> BUSINESSES = List.of("ALPHA", "BETA", "GAMMA");
    /** Each onboarding request's destination schema, and the business its table group is published in. */
    private static final Map<String, String> REQUESTS = new LinkedHashMap<>(Map.of("many_a", "ALPHA", "many_b", "BETA", "many_c", "GAMMA"));
    private static final int PEOPLE = 150;
    private static final int DEPARTING = 40;
    private static final int HR_EVENTS = 500;
    /** How long each killed instance stays dead: the premise of the story, not a wait for a result. */
    private static final Duration HOLD = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final Duration LATENCY = Duration.ofMillis(25);

    private static ManyInstancesStack stack;
    private static Duration startup;

    @BeforeAll
    static void start(SharedManyInstances.Started shared) {
        stack = shared.stack();
        startup = shared.took();
    }

    @Test
    void twoInstancesOfEachServiceCarryTheFlowWhileOneOfEachIsKilledAndRestarted() throws Exception {
        Instant begin = Instant.now();
        List<String> people = GrantStack.logins("MI", PEOPLE);
        HrStory hr = new HrStory(people, BUSINESSES, DEPARTING, HR_EVENTS);
        stack.grant.users(people);
        // a statement costs what it costs over the network to a real account: applying the joins outlasts a kill
        stack.grant.snowflake.setStatementLatency(LATENCY);
        for (String business : BUSINESSES) {
            stack.grant.publishTable("HR_" + business, "T", baseGroup(business), business);
        }
        Map<String, List<String>> tables = new LinkedHashMap<>();
        REQUESTS.keySet().forEach(schema -> tables.put(schema, stack.landTables(schema)));

        // three requests, to either onboarding-service instance
        List<String> requests = new ArrayList<>();
        for (Map.Entry<String, String> request : REQUESTS.entrySet()) {
            ServiceProcess instance = stack.onboarding.onboardings.get(requests.size() % 2);
            requests.add(stack.onboarding.request(instance, "sql_server_rds", request.getKey(), request.getValue()));
        }
        for (String id : requests) {
            stack.onboarding.awaitState(id, "CARD_ISSUED", WAIT);
        }

        // the joins flow in; one grant-service instance dies while they are being applied
        Set<String> sent = ConcurrentHashMap.newKeySet();
        sent.addAll(stack.send(hr.joins));
        Awaits.until(WAIT, () -> granted() >= 10);
        List<ServiceProcess> killed = stack.firstOfEach();
        Instant grantKill = Instant.now();
        killed.get(0).kill();
        assertThat(granted()).as("joins applied at the kill").isLessThan(hr.joins.size());

        // the owners finish their cards and come back through the other receiver; then one instance of each
        // onboarding-side service dies while the setups, activations and first syncs go through
        for (String id : requests) {
            String returnUrl = stack.onboarding.fivetran.completeConnectCard(stack.onboarding.view(id).getString("connectCard.uri"),
                    OnboardingStack.CREDENTIAL);
            Awaits.until(WAIT, () -> given().redirects().follow(false).get(returnUrl).asString().contains("Setup complete"));
        }
        Instant onboardingKill = Instant.now();
        for (ServiceProcess instance : killed.subList(1, killed.size())) {
            instance.kill();
        }

        // the churn arrives while one of each is down; from here on, the drain is watched while the story goes on
        sent.addAll(stack.send(hr.churn));
        Map<String, Set<String>> afterChurn = hr.membersAfter(hr.joins, hr.churn);
        CompletableFuture<Instant> grantDrained = drained(() -> stack.members(BUSINESSES).equals(afterChurn));
        CompletableFuture<Instant> onboardingDrained = drained(() -> stack.allActiveWithTables(requests));
        Awaits.holdOutage(grantKill, HOLD);
        Awaits.holdOutage(onboardingKill, HOLD);
        Instant restart = Instant.now();
        Map<String, Duration> ready = restart(killed);

        // the platform team publishes ALPHA's base group in GAMMA too, on the instance that just came back
        stack.publish(killed.get(0), baseGroup("ALPHA"), List.of("ALPHA", "GAMMA"));

        RecoveryTimes.record("many instances: 1 of 2 grant-service instances SIGKILLed mid-apply (kill to drained)",
                Duration.between(grantKill, restart).plus(ready.get("grant-service")),
                (hr.joins.size() + hr.churn.size()) + " HR events", Duration.between(grantKill, grantDrained.get()));
        RecoveryTimes.record("many instances: 1 of 2 onboarding, connector, receiver instances SIGKILLed mid-setup (kill to all ACTIVE)",
                Duration.between(onboardingKill, restart).plus(ready.get("connector-service")), "3 requests",
                Duration.between(onboardingKill, onboardingDrained.get()));

        // the departures, and meanwhile reconcile asked of both grant-service instances at the same moment
        Map<String, Set<String>> expected = hr.membersAtEnd();
        String outsider = hr.people.stream().filter(login -> !hr.departed.contains(login) && !expected.get("BETA").contains(login)
                && !afterChurn.get("BETA").contains(login)).findFirst().orElseThrow();
        List<JsonPath> reconciles = departuresWithReconcileOnBoth(hr, sent, outsider);
        List<String> drifted = reconciles.stream().flatMap(answer -> answer.getList("drifts.role", String.class).stream()).toList();
        Duration settled = Awaits.until(WAIT, () -> stack.members(BUSINESSES).equals(expected) && publicationsAsDesired(tables)
                && stack.rows("many_grant", "select id from apply_job where status <> 'DONE'").isEmpty()
                && outboxesEmpty());
        Duration story = Duration.between(begin, Instant.now());
        String readyAfterRestart = ready.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toSeconds() + " s")
                .collect(Collectors.joining(", "));
        RecoveryTimes.record("many instances: whole story (8 JVMs started in " + startup.toSeconds() + " s; ready after restart: "
                        + readyAfterRestart + ")",
                HOLD, HR_EVENTS + " HR events, 3 requests, 1 table-group change, 2 reconciles", story);
        System.out.println("many instances: departures and reconciles settled in " + settled.toMillis() + " ms; drifted roles reported "
                + drifted);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(drifted).as("the hand-made drift, reported by the reconciles").contains("GH_USER_" + outsider);
        soft.assertThat(stack.rows("many_grant", "select id from apply_job where event_type = 'reconcile'")).as("reconcile jobs").isNotEmpty();
        assertOnboarding(soft, requests);
        assertSnowflake(soft, hr, tables);
        assertAppliedOnce(soft, hr, sent);
        soft.assertAll();
    }

    /** When {@code condition} first holds, watched in the background (the story goes on meanwhile). */
    private static CompletableFuture<Instant> drained(Callable<Boolean> condition) {
        return CompletableFuture.supplyAsync(() -> {
            Awaits.until(WAIT.plus(WAIT), condition);
            return Instant.now();
        });
    }

    private static String baseGroup(String business) {
        return business.toLowerCase() + "_base";
    }

    private static int granted() {
        return stack.members(BUSINESSES).values().stream().mapToInt(Set::size).sum();
    }

    /** Starts the killed instances again; how long each took to be ready, by service. */
    private static Map<String, Duration> restart(List<ServiceProcess> killed) throws Exception {
        for (ServiceProcess instance : killed) {
            instance.restart();
        }
        Map<String, Duration> ready = new TreeMap<>();
        ServiceInstances.awaitReadyAtOnce(killed).forEach((instance, took) -> ready.put(instance.toString().split(" ")[0], took));
        return ready;
    }

    /**
     * Drift first, as an admin's hand makes it: the business roles of the last leavers revoked by hand (a fix planned
     * before their leave and run after it would grant them back), and BETA's role granted by hand to {@code outsider},
     * who is not in BETA. Then the leavers' leaves in three batches: once the first batch is being applied, both
     * instances get {@code POST /reconcile} at the same moment while the other two batches are sent. Returns each
     * reconcile's answer.
     */
    private static List<JsonPath> departuresWithReconcileOnBoth(HrStory hr, Set<String> sent, String outsider) throws Exception {
        int third = hr.departures.size() / 3;
        List<HrStory.Change> later = hr.departures.subList(third, hr.departures.size());
        for (HrStory.Change change : later.subList(later.size() - 6, later.size())) {
            stack.grant.snowflake.executeAsAdmin("REVOKE ROLE \"" + bizRole(change.business()) + "\" FROM ROLE \"GH_USER_" + change.login() + "\"");
        }
        stack.grant.snowflake.executeAsAdmin("GRANT ROLE \"" + bizRole("BETA") + "\" TO ROLE \"GH_USER_" + outsider + "\"");
        List<String> first = stack.send(hr.departures.subList(0, third));
        sent.addAll(first);
        String firstIds = first.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        Awaits.until(WAIT, () -> !stack.rows("many_grant", "select id from apply_job where status = 'DONE' and event_id in (" + firstIds + ")").isEmpty());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<JsonPath>> reconciles = stack.grant.grants.stream().map(instance -> pool.submit(() -> {
                together.await();
                return stack.reconcile(instance);
            })).toList();
            Future<?> rest = pool.submit(() -> sent.addAll(stack.send(later)));
            rest.get();
            List<JsonPath> answers = new ArrayList<>();
            for (Future<JsonPath> reconcile : reconciles) {
                answers.add(reconcile.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each business-public role holds its table groups, each group's role SELECT on its tables. */
    private static boolean publicationsAsDesired(Map<String, List<String>> tables) {
        return desiredPublications().entrySet().stream().allMatch(e -> managed(stack.rolesGrantedTo(e.getKey())).equals(e.getValue()))
                && tables.entrySet().stream().allMatch(e -> stack.grantsTo(groupRole(e.getKey() + "_tables"), "TABLE")
                .equals(new TreeSet<>(e.getValue())));
    }

    private static Map<String, Set<String>> desiredPublications() {
        Map<String, Set<String>> desired = new TreeMap<>();
        for (String business : BUSINESSES) {
            desired.put(bizRole(business), new TreeSet<>(List.of(groupRole(baseGroup(business)))));
        }
        REQUESTS.forEach((schema, business) -> desired.get(bizRole(business)).add(groupRole(schema + "_tables")));
        desired.get(bizRole("GAMMA")).add(groupRole(baseGroup("ALPHA")));
        return desired;
    }

    private static boolean outboxesEmpty() throws Exception {
        for (String database : List.of("many_grant", "many_onboarding", "many_connector", "many_webhook")) {
            if (!stack.rows(database, "select id from outbox_event where sent_at is null and parked_at is null").isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static void assertOnboarding(SoftAssertions soft, List<String> requests) {
        soft.assertThat(stack.states(requests)).as("every request's state").allSatisfy((id, state) -> assertThat(state).isEqualTo("ACTIVE"));
        for (String id : requests) {
            soft.assertThat(stack.onboarding.view(id).getList("tables")).as("tables of " + id).hasSize(3);
        }
    }

    private static void assertSnowflake(SoftAssertions soft, HrStory hr, Map<String, List<String>> tables) throws Exception {
        Map<String, Set<String>> expected = hr.membersAtEnd();
        soft.assertThat(stack.members(BUSINESSES)).as("members of each business").isEqualTo(expected);
        // every user role holds exactly the business roles of its user's businesses
        Map<String, Set<String>> userRoles = new TreeMap<>();
        Map<String, Set<String>> desiredUserRoles = new TreeMap<>();
        for (String login : hr.people) {
            userRoles.put(login, managed(stack.rolesGrantedTo("GH_USER_" + login)));
            desiredUserRoles.put(login, expected.entrySet().stream().filter(e -> e.getValue().contains(login))
                    .map(e -> bizRole(e.getKey())).collect(Collectors.toCollection(TreeSet::new)));
        }
        soft.assertThat(userRoles).as("roles of each user role").isEqualTo(desiredUserRoles);
        desiredPublications().forEach((role, groups) -> soft.assertThat(managed(stack.rolesGrantedTo(role))).as(role).isEqualTo(groups));
        tables.forEach((schema, names) -> soft.assertThat(stack.grantsTo(groupRole(schema + "_tables"), "TABLE"))
                .as(schema + " tables").containsExactlyInAnyOrderElementsOf(names));

        // no departed person holds anything, and none was granted anything after their last revoke
        Map<String, List<String>> regrants = new TreeMap<>();
        for (String login : hr.departed) {
            soft.assertThat(userRoles.get(login)).as("roles of departed " + login).isEmpty();
            List<String> late = SnowflakeLog.grantsAfterLastRevoke(stack.grant.snowflake, "GH_USER_" + login);
            if (!late.isEmpty()) {
                regrants.put(login, late);
            }
        }
        soft.assertThat(regrants).as("GRANTs to a leaver's user role after their last REVOKE").isEmpty();

        // through snowflake-jdbc, as the people themselves: a member reads, a departed person is refused
        String alphaMember = expected.get("ALPHA").iterator().next();
        String gammaMember = expected.get("GAMMA").iterator().next();
        soft.assertThat(SnowflakeLog.countAs(stack.grant.snowflake, alphaMember, "RAW.HR_ALPHA.T")).as(alphaMember + " reads").isZero();
        soft.assertThat(SnowflakeLog.countAs(stack.grant.snowflake, alphaMember, tables.get("many_a").get(0))).as(alphaMember + " reads").isOne();
        soft.assertThat(SnowflakeLog.countAs(stack.grant.snowflake, gammaMember, "RAW.HR_ALPHA.T")).as(gammaMember + " reads ALPHA's base")
                .isZero();
        String departed = hr.departed.iterator().next();
        soft.assertThatThrownBy(() -> SnowflakeLog.countAs(stack.grant.snowflake, departed, "RAW.HR_ALPHA.T"))
                .as(departed + " after leaving").isInstanceOf(SQLException.class);
        soft.assertThatThrownBy(() -> SnowflakeLog.countAs(stack.grant.snowflake, departed, tables.get("many_a").get(0)))
                .as(departed + " after leaving").isInstanceOf(SQLException.class);
    }

    private static void assertAppliedOnce(SoftAssertions soft, HrStory hr, Set<String> sent) throws Exception {
        soft.assertThat(sent).as("HR events sent").hasSize(HR_EVENTS);
        TopicRecords topics = new TopicRecords(stack.grant.companion);
        // every consumer holds each event id of the types it handles once: none skipped, none applied twice
        for (String database : List.of("many_grant", "many_onboarding", "many_connector", "many_webhook")) {
            stack.inbox(database).forEach((consumer, ids) -> {
                soft.assertThat(ids).as(consumer + " inbox rows per event").allSatisfy((id, n) -> assertThat(n).isOne());
                Set<String> types = ids.keySet().stream().map(id -> topics.typeOf.getOrDefault(id, "unknown"))
                        .collect(Collectors.toSet());
                soft.assertThat(ids.keySet()).as(consumer + " applied every event of " + types).isEqualTo(topics.idsOf(types));
            });
        }
        // containsAll, not equality: other stories on the shared stack send HR events of their own
        soft.assertThat(stack.inbox("many_grant").get("grant-service-identity").keySet()).as("HR events applied")
                .containsAll(sent);
        soft.assertThat(stack.grant.auditedTwiceForOneEvent("")).as("statements audited twice for one event").isEmpty();
        Map<String, Long> audited = stack.grant.audited("");
        Map<String, Long> run = stack.grant.statementsRun("");
        soft.assertThat(audited).as("audited more often than run in Snowflake")
                .allSatisfy((statement, n) -> assertThat(n).isLessThanOrEqualTo(run.getOrDefault(statement, 0L)));
        long reruns = audited.entrySet().stream().mapToLong(e -> run.getOrDefault(e.getKey(), 0L) - e.getValue()).sum();
        System.out.println("many instances: " + audited.values().stream().mapToLong(Long::longValue).sum() + " statements audited, "
                + reruns + " more runs in Snowflake (re-run after a kill), " + topics.grantsAppliedCount() + " GrantsApplied");
        soft.assertThat(topics.grantsAppliedTwice()).as("statements announced twice in GrantsApplied for one cause and role").isEmpty();
        soft.assertThat(topics.idsOf(Set.of(EventType.GRANTS_APPLIED.ceType()))).as("GrantsApplied published").isNotEmpty();
        soft.assertThat(stack.rows("many_grant", "select id, status, last_error from apply_job where status <> 'DONE'"))
                .as("apply jobs not done").isEmpty();
        soft.assertThat(stack.rows("many_grant", "select count(*) from dead_letter").get(0)).as("dead letters").isEqualTo("0");
        // last on purpose: both receivers register the one public URL unless registration runs once per cluster
        soft.assertThat(stack.webhooksForTheReceivers()).as("Fivetran webhooks for the receivers' URL").isOne();
    }

    private static String bizRole(String business) {
        return "GH_BIZ_" + business + "_PUBLIC";
    }

    private static String groupRole(String group) {
        return "GH_TG_" + group.toUpperCase();
    }

    /** Only Gatehouse's roles: a user role also holds nothing else, a business role may be granted up to SYSADMIN. */
    private static Set<String> managed(Set<String> roles) {
        return roles.stream().filter(role -> role.startsWith("GH_")).collect(Collectors.toCollection(TreeSet::new));
    }
}
