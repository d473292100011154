package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.grant.persistence.AppUser;
import io.gatehouse.grant.persistence.AuditEntry;
import io.gatehouse.grant.persistence.AuditOutcome;
import io.gatehouse.grant.persistence.Membership;
import io.gatehouse.grant.persistence.RoleRegistration;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /plan}: the statements events would run, planned in memory by the consumers' own rules; the same
 * statements the apply worker then runs, nothing written, no row locked, the input capped.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class PlanPreviewTest extends StoryBase {

    /** A preview answers at once; one blocked on a lock would wait for the test's lock to go. */
    private static final RestAssuredConfig BOUNDED = RestAssuredConfig.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.socket.timeout", 20_000).setParam("http.connection.timeout", 5_000));

    @Inject
    AgroalDataSource db;

    @Test
    void theSecondBusinessCostsOneGrantAndANewUserItsFiveStatements() {
        String database = unique("DB");
        String u = unique("U");
        String biz1 = unique("BIZ");
        String biz2 = unique("BIZ");
        Snowflake.table(database, "S", "T");
        Snowflake.user(u);
        send(new TableAdded(database, "S", "T", unique("GRP"), List.of(biz1, biz2), null, null));
        String joined = send(new UserJoinedBusiness("id-" + u, u, biz1)).id();
        await().atMost(WAIT).until(() -> canRead(u, database + ".S.T"));
        // Snowflake answers before the job's records commit: the preview below plans from the ledger
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> AuditEntry.count(
                "eventId = ?1 and outcome = ?2 and statement like '% TO USER %'", joined, AuditOutcome.OK) > 0));
        long before = Snowflake.sandbox().statementLog().count();

        preview(join(u, biz2)).then().statusCode(200)
                .body("sql", contains("GRANT ROLE \"GH_BIZ_" + biz2 + "_PUBLIC\" TO ROLE \"GH_USER_" + u + "\""));
        preview(join("new.user", biz2)).then().statusCode(200).body("$", hasSize(5))
                .body("sql", hasItem("ALTER USER \"NEW.USER\" SET DEFAULT_ROLE = \"GH_USER_NEW_USER\""));
        assertThat(Snowflake.sandbox().statementLog().count()).isEqualTo(before);
        given().auth().oauth2(TestTokens.ops()).when().get("/users/new.user/access").then().statusCode(404);
    }

    @Test
    void aPreviewIsWhatTheWorkerThenRuns() {
        String database = unique("DB");
        String group = unique("GRP");
        String biz = unique("BIZ");
        String u = unique("U");
        Snowflake.table(database, "S", "T1");
        Snowflake.table(database, "S", "T2");
        Snowflake.user(u);
        String first = send(new TableAdded(database, "S", "T1", group, List.of(biz), null, null)).id();
        await().atMost(WAIT).until(() -> audited(first));

        // a join and a second table for the group, previewed together, then sent as two events (two jobs)
        String events = String.join(",", join(u, biz),
                "{\"type\":\"TableAdded\",\"data\":{\"database\":\"" + database + "\",\"schema\":\"S\",\"table\":\"T2\","
                        + "\"tableGroup\":\"" + group + "\",\"businesses\":[\"" + biz + "\"]}}");
        Set<String> previewed = new HashSet<>(preview(events).then().statusCode(200).extract().<List<String>>path("sql"));
        assertThat(previewed).isNotEmpty();

        String joined = send(new UserJoinedBusiness("id-" + u, u, biz)).id();
        String added = send(new TableAdded(database, "S", "T2", group, List.of(biz), null, null)).id();
        await().atMost(WAIT).until(() -> Jobs.allDone(List.of(joined, added)));
        assertThat(canRead(u, database + ".S.T2")).isTrue();
        assertThat(previewed).isEqualTo(new HashSet<>(Jobs.auditedOk(List.of(joined, added))));
    }

    @Test
    void aPreviewWritesNothingAndWaitsForNoLock() throws Exception {
        String u = unique("U");
        String biz = unique("BIZ");
        Snowflake.user(u);
        String joined = send(new UserJoinedBusiness("id-" + u, u, biz)).id();
        await().atMost(WAIT).until(() -> audited(joined));
        String newcomer = unique("NEW");

        try (Connection c = db.getConnection()) {
            // a consumer's transaction holding the pair's membership row, as the next leave of u would
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement(
                    "select member from membership where login = ? and business = ? for update")) {
                lock.setString(1, u);
                lock.setString(2, biz);
                assertThat(lock.executeQuery().next()).isTrue();
            }
            given().config(BOUNDED).auth().oauth2(TestTokens.ops()).contentType("application/json")
                    .body("{\"events\":[" + leave(u, biz) + "," + join(newcomer, biz) + "]}")
                    .when().post("/plan").then().statusCode(200)
                    .body("sql", hasItem("REVOKE ROLE \"GH_BIZ_" + biz + "_PUBLIC\" FROM ROLE \"GH_USER_" + u + "\""))
                    .body("sql", hasItem("CREATE ROLE IF NOT EXISTS \"GH_USER_" + newcomer + "\""));
            c.rollback();
        }
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(RoleRegistration.<RoleRegistration>findByIdOptional("GH_USER_" + newcomer)).isEmpty();
            assertThat(AppUser.<AppUser>findByIdOptional(newcomer)).isEmpty();
            assertThat(Membership.<Membership>findByIdOptional(new Membership.Key(u, biz)).orElseThrow().member).isTrue();
        });
    }

    @Test
    void tooManyEventsAreRefusedNamingTheField() {
        String events = IntStream.range(0, 201).mapToObj(i -> join("CAP_" + i, "CAP")).collect(Collectors.joining(","));
        given().auth().oauth2(TestTokens.ops()).contentType("application/json").body("{\"events\":[" + events + "]}")
                .when().post("/plan").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("at most 200 events")).body("errors[0].field", equalTo("events"));
    }

    @Test
    void aNameAnotherSourceHoldsIsRefusedAsTheConsumerWould() {
        String base = unique("BIZ");
        String u = unique("U");
        Snowflake.user(u);
        String joined = send(new UserJoinedBusiness("id-" + u, u, base + ".X")).id();
        await().atMost(WAIT).until(() -> audited(joined));
        preview(join(u, base + "_X")).then().statusCode(400).body("detail", containsString("refusing to merge"));
        // and two sources of one preview folding onto one new name
        String fresh = unique("BIZ");
        preview(join(u, fresh + ".Y") + "," + join(u, fresh + "_Y")).then().statusCode(400)
                .body("detail", containsString("refusing to merge"));
    }

    private static io.restassured.response.Response preview(String events) {
        return given().auth().oauth2(TestTokens.ops()).contentType("application/json")
                .body("{\"events\":[" + events + "]}").when().post("/plan");
    }

    private static String join(String login, String business) {
        return membership("UserJoinedBusiness", login, business);
    }

    private static String leave(String login, String business) {
        return membership("UserLeftBusiness", login, business);
    }

    private static String membership(String type, String login, String business) {
        return "{\"type\":\"" + type + "\",\"data\":{\"userId\":\"id-" + login + "\",\"login\":\"" + login
                + "\",\"business\":\"" + business + "\"}}";
    }

    private static boolean audited(String eventId) {
        return Jobs.allDone(List.of(eventId));
    }
}
