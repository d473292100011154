package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.AuditEntry;
import io.gatehouse.grant.persistence.AuditOutcome;
import io.gatehouse.grant.persistence.JobStatus;
import io.gatehouse.grant.service.JobBacklog;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.gatehouse.testing.auth.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A join for a login Snowflake does not know yet (SCIM provisioning lags the HR event), end to end through Kafka, the
 * REST API and snowflake-jdbc against the sandbox: the job waits visibly (WAITING_FOR_USER, one audit line for the whole
 * wait, no attempts used up) and applies within a back-off step of the user appearing; a leave meanwhile wins; a wait
 * past its horizon parks with its reason. Time is scaled down by the test profile: user-wait steps of 2 s to 4 s
 * instead of 1 min to 1 h, the user created seconds rather than minutes later.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class UserNotYetInSnowflakeTest extends StoryBase {

    @Inject
    GrantConfig config;
    @Inject
    MeterRegistry meters;
    @Inject
    JobBacklog backlog;

    @Test
    void aJoinForAUserCreatedLaterWaitsVisiblyAndAppliesWithinABackOffStepOfTheUserAppearing() throws Exception {
        Business b = business();
        String u = unique("U");
        String joined = send(new UserJoinedBusiness("id-" + u, u, b.name)).id();

        String job = "find { it.login == '" + u + "' }";
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.ops()).when().get("/failures/waiting")
                .then().statusCode(200)
                .body(job + ".status", equalTo("WAITING_FOR_USER"))
                .body(job + ".eventId", equalTo(joined))
                .body(job + ".waitingSince", notNullValue())
                .body(job + ".nextAttemptAt", notNullValue())
                .body(job + ".attempts", equalTo(0))
                .body(job + ".lastError", containsString("waiting for user " + u + " to exist in Snowflake")));
        await().atMost(WAIT).until(() -> meters.get("gatehouse.grant.jobs.waiting_for_user").gauge().value() >= 1.0);
        // the backlog the dashboard shows and GatehouseApplyJobsOld alerts on
        backlog.refresh();
        assertThat(meters.get("gatehouse.grant.jobs.open").tag("status", "waiting_for_user").gauge().value()).isGreaterThanOrEqualTo(1.0);
        assertThat(meters.get("gatehouse.grant.jobs.oldest.age").tag("status", "waiting_for_user").gauge().value()).isPositive();
        // and the same figures where the ops console reads them
        given().auth().oauth2(TestTokens.ops()).when().get("/pipeline").then().statusCode(200)
                .body("service", equalTo("grant-service"))
                .body("queues.find { it.name == 'grant.jobs' && it.status == 'waiting_for_user' }.count",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        // several tries of the wait go by before the user appears
        await().atMost(WAIT).until(() -> Jobs.byEvent(joined).get(0).userWaits >= 3);

        Instant created = Instant.now();
        Snowflake.user(u);

        await().atMost(WAIT).until(() -> canRead(u, b.table));
        // the grant is readable in Snowflake a moment before the worker records the job done
        await().atMost(WAIT).until(() -> Jobs.byEvent(joined).get(0).status == JobStatus.DONE);
        ApplyJob done = Jobs.byEvent(joined).get(0);
        assertThat(done.attempts).as("waiting for the user uses up no attempts").isZero();
        List<AuditEntry> userGrants = Jobs.audit(List.of(joined)).stream()
                .filter(e -> e.statement.endsWith("TO USER \"" + u + "\"")).toList();
        assertThat(userGrants).as("one audit line for the whole wait, then the grant")
                .extracting(e -> e.outcome).containsExactly(AuditOutcome.FAILED, AuditOutcome.OK);
        assertThat(Jobs.counts(Jobs.auditedOk(List.of(joined))).values()).as("what the first try applied is kept")
                .containsOnly(1L);
        assertThat(userGrants.get(0).errorCode).isEqualTo("2003/02000");
        assertThat(userGrants.get(0).errorMessage).startsWith("waiting for user " + u + " to exist in Snowflake")
                .contains("User '" + u + "' does not exist or not authorized.");
        Duration afterCreated = Duration.between(created, userGrants.get(1).executedAt);
        Log.infof("granted %d ms after the user was created (back-off step at most %s), after %d tries of the wait",
                afterCreated.toMillis(), config.apply().userWait().backoffMax(), done.userWaits);
        // a step plus the poll and the try itself, with room for a loaded machine
        assertThat(afterCreated).isLessThan(config.apply().userWait().backoffMax().plusSeconds(10));
        given().auth().oauth2(TestTokens.ops()).when().get("/failures/waiting").then().statusCode(200)
                .body("findAll { it.login == '" + u + "' }", org.hamcrest.Matchers.empty());
    }

    @Test
    void aLeaveWhileTheJoinWaitsWinsAtOnceLeavingNoGrantAndNoWaitingJob() {
        Business b = business();
        String u = unique("U");
        String joined = send(new UserJoinedBusiness("id-" + u, u, b.name)).id();
        await().atMost(WAIT).until(() -> waiting(joined));
        // as if its back-off step were an hour: only the leave's arrival makes it try again
        long id = Jobs.byEvent(joined).get(0).id;
        await().atMost(WAIT).until(() -> reschedule(id, null, Instant.now().plus(Duration.ofHours(1))));

        String left = send(new UserLeftBusiness("id-" + u, u, b.name)).id();

        await().atMost(WAIT).until(() -> Jobs.settled(List.of(joined, left)) && !Jobs.byEvent(left).isEmpty());
        assertThat(QuarkusTransaction.requiringNew().call(() -> ApplyJob.count("login = ?1 and status = ?2", u,
                JobStatus.WAITING_FOR_USER))).isZero();
        assertThat(Snowflake.sandbox().executeAsAdmin("SHOW GRANTS OF ROLE " + b.role))
                .noneMatch(r -> ("GH_USER_" + u).equals(r.get("grantee_name")));
        Snowflake.user(u);
        assertThat(Snowflake.sandbox().executeAsAdmin("SHOW GRANTS TO USER " + u))
                .noneMatch(r -> String.valueOf(r.get("role")).startsWith("GH_"));
        assertThat(canRead(u, b.table)).isFalse();
    }

    @Test
    void aWaitPastItsHorizonParksWithItsReasonAndAReplayTriesAWaitingJobAtOnce() {
        Business b = business();
        String u = unique("U");
        String joined = send(new UserJoinedBusiness("id-" + u, u, b.name)).id();
        await().atMost(WAIT).until(() -> waiting(joined));
        long id = Jobs.byEvent(joined).get(0).id;
        Instant since = Instant.now().minus(config.apply().userWait().horizon()).minusSeconds(60);
        await().atMost(WAIT).until(() -> reschedule(id, since, Instant.now().plus(Duration.ofHours(1))));

        given().auth().oauth2(TestTokens.platformAdmin()).when().post("/failures/" + id + "/replay").then().statusCode(202);

        String job = "find { it.id == " + id + " }";
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.ops()).when().get("/failures").then()
                .statusCode(200)
                .body(job + ".status", equalTo("PARKED"))
                .body(job + ".attempts", equalTo(0))
                .body(job + ".lastError", containsString("user " + u + " did not appear in Snowflake within "
                        + config.apply().userWait().horizon())));
        assertThat(Jobs.audit(List.of(joined))).filteredOn(e -> e.outcome == AuditOutcome.FAILED)
                .extracting(e -> e.errorMessage)
                .as("the line that started the wait and the one that ended it").satisfiesExactly(
                        m -> assertThat(m).startsWith("waiting for user " + u + " to exist in Snowflake"),
                        m -> assertThat(m).startsWith("user " + u + " did not appear in Snowflake within"));

        // provisioned at last: the operator's replay applies it
        Snowflake.user(u);
        given().auth().oauth2(TestTokens.platformAdmin()).when().post("/failures/" + id + "/replay").then().statusCode(202);
        await().atMost(WAIT).until(() -> canRead(u, b.table));
    }

    private static boolean waiting(String eventId) {
        return Jobs.byEvent(eventId).stream().anyMatch(j -> j.status == JobStatus.WAITING_FOR_USER);
    }

    /** A table published to a new business. */
    private Business business() {
        String db = unique("DB");
        String biz = unique("BIZ");
        Snowflake.table(db, "S", "T");
        send(new TableAdded(db, "S", "T", unique("grp"), List.of(biz), null, null));
        return new Business(biz, "GH_BIZ_" + biz + "_PUBLIC", db + ".S.T");
    }

    private record Business(String name, String role, String table) {
    }

    /**
     * Sets when a waiting job started to wait (unless null) and its next try, provided no try of it runs right now
     * (its lease is free); false when one does, to be asked again.
     */
    private static boolean reschedule(long id, Instant since, Instant next) {
        return QuarkusTransaction.requiringNew().call(() -> since == null
                ? ApplyJob.update("nextAttemptAt = ?1 where id = ?2 and leaseUntil is null and status = ?3", next, id,
                        JobStatus.WAITING_FOR_USER)
                : ApplyJob.update("waitingSince = ?1, nextAttemptAt = ?2 where id = ?3 and leaseUntil is null and status = ?4",
                        since, next, id, JobStatus.WAITING_FOR_USER)) == 1;
    }
}
