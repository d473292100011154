package io.gatehouse.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Order;

/**
 * The grant-service's dependencies fail under load, for real: its PostgreSQL connection cut, the Snowflake sandbox
 * stopped, restarted without its sessions, the Kafka broker restarted. Each story checks that every event was
 * applied, none dead-lettered, and no statement ran or was recorded twice; each records its recovery time.
 */
@Order(2)
@ResourceLock(GrantStack.DATABASE)
class GrantServiceOutagesIT {

    private static final Duration DRAIN = Duration.ofMinutes(3);
    private static GrantStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new GrantStack(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    /** 100 people join; 60 leave; 40 of those join again: 200 events whose outcome depends on their order. */
    private static Set<String> sendMembershipWaves(String business, List<String> logins, Instant base) {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < logins.size(); i++) {
            stack.send(new UserJoinedBusiness("u-" + logins.get(i), logins.get(i), business), base.plusMillis(i));
            expected.add(logins.get(i));
        }
        for (int i = 0; i < 60; i++) {
            stack.send(new UserLeftBusiness("u-" + logins.get(i), logins.get(i), business), base.plusSeconds(1).plusMillis(i));
            expected.remove(logins.get(i));
        }
        for (int i = 0; i < 40; i++) {
            stack.send(new UserJoinedBusiness("u-" + logins.get(i), logins.get(i), business), base.plusSeconds(2).plusMillis(i));
            expected.add(logins.get(i));
        }
        return expected;
    }

    @Test
    void postgresCutForThirtySecondsWhile200HrEventsArrive() throws Exception {
        String business = "PGCUT";
        stack.publishTable("PGCUT", "T", "pgcut_tables", business);
        List<String> logins = GrantStack.logins("PG", 100);
        stack.users(logins);
        long deadBefore = stack.deadLetters();

        Instant cut = Instant.now();
        stack.database.refuse().cut();
        Set<String> expected = sendMembershipWaves(business, logins, Instant.now());
        // while it waits, the service says so: not ready, and why
        Awaits.until(Duration.ofSeconds(30), () -> RestAssured.get(stack.grant.baseUrl() + "/q/health/ready").statusCode() == 503);
        Awaits.holdOutage(cut, Duration.ofSeconds(30));
        stack.database.pass();
        Instant restored = Instant.now();

        Duration recovery = Awaits.until(DRAIN, () -> stack.members(business).equals(expected));
        RecoveryTimes.record("PostgreSQL cut under grant-service", Duration.between(cut, restored), "200 HR events", recovery);
        assertThat(stack.deadLetters()).isEqualTo(deadBefore);
        assertThat(stack.auditedTwiceForOneEvent("GH_BIZ_" + business + "_PUBLIC\"")).isEmpty();
        Awaits.until(Duration.ofSeconds(30), () -> RestAssured.get(stack.grant.baseUrl() + "/q/health/ready").statusCode() == 200);
    }

    @Test
    void snowflakeDownForSixtySecondsDuringABurstOfJoinsAndLeaves() throws Exception {
        String business = "SFDOWN";
        stack.publishTable("SFDOWN", "T", "sfdown_tables", business);
        List<String> joiners = GrantStack.logins("SFJ", 120);
        List<String> leavers = GrantStack.logins("SFL", 80);
        stack.users(joiners);
        stack.users(leavers);
        leavers.forEach(login -> stack.send(new UserJoinedBusiness("u-" + login, login, business), Instant.now()));
        Awaits.until(DRAIN, () -> stack.members(business).containsAll(leavers));

        Instant down = Instant.now();
        stack.snowflake.stop();
        for (int i = 0; i < joiners.size(); i++) {
            stack.send(new UserJoinedBusiness("u-" + joiners.get(i), joiners.get(i), business), Instant.now());
            if (i < leavers.size()) {
                stack.send(new UserLeftBusiness("u-" + leavers.get(i), leavers.get(i), business), Instant.now());
            }
        }
        Set<String> expected = new HashSet<>(joiners);
        Awaits.holdOutage(down, Duration.ofSeconds(60));
        stack.snowflake.start();
        Instant up = Instant.now();

        Duration recovery = Awaits.until(DRAIN, () -> stack.members(business).equals(expected));
        RecoveryTimes.record("Snowflake sandbox down", Duration.between(down, up), "200 joins and leaves", recovery);
        // every GRANT and REVOKE of the burst reached Snowflake once, and was recorded once
        String granted = "\"GH_BIZ_" + business + "_PUBLIC\" TO ROLE \"GH_USER_";
        String revoked = "\"GH_BIZ_" + business + "_PUBLIC\" FROM ROLE \"GH_USER_";
        assertThat(stack.statementsRun(granted)).hasSize(joiners.size() + leavers.size())
                .allSatisfy((sql, n) -> assertThat(n).as(sql).isOne());
        assertThat(stack.statementsRun(revoked)).hasSize(leavers.size())
                .allSatisfy((sql, n) -> assertThat(n).as(sql).isOne());
        // a chunk is audited just after it ran in Snowflake
        Awaits.until(Duration.ofSeconds(30), () -> stack.audited(granted).equals(stack.statementsRun(granted))
                && stack.audited(revoked).equals(stack.statementsRun(revoked)));
        assertThat(stack.deadLetters()).isZero();
    }

    @Test
    void snowflakeRestartedWhileTheServiceHoldsPooledConnections() throws Exception {
        String business = "SFRESTART";
        stack.publishTable("SFRESTART", "T", "sfrestart_tables", business);
        List<String> logins = GrantStack.logins("RS", 5);
        stack.users(logins);

        // a restart loses every session: the pool's connections now belong to sessions Snowflake no longer knows
        Instant restart = Instant.now();
        stack.snowflake.stop();
        stack.snowflake.forgetSessions();
        stack.snowflake.start();
        logins.forEach(login -> stack.send(new UserJoinedBusiness("u-" + login, login, business), Instant.now()));
        Duration joined = Awaits.until(Duration.ofMinutes(1), () -> stack.members(business).containsAll(logins));
        Duration drift = Awaits.until(Duration.ofMinutes(1), () -> RestAssured.given().auth().oauth2(stack.token())
                .get(stack.grant.baseUrl() + "/drift").statusCode() == 200);
        RecoveryTimes.record("Snowflake sandbox restarted (sessions lost)", Duration.ZERO, "5 joins + GET /drift",
                joined.plus(drift));
        assertThat(Duration.between(restart, Instant.now())).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void brokerRestartedMidStream() throws Exception {
        String business = "BROKER";
        stack.publishTable("BROKER", "T", "broker_tables", business);
        List<String> logins = GrantStack.logins("BR", 200);
        stack.users(logins);
        logins.subList(0, 100).forEach(login -> stack.send(new UserJoinedBusiness("u-" + login, login, business), Instant.now()));
        Awaits.until(DRAIN, () -> stack.members(business).size() >= 10);

        Instant stop = Instant.now();
        stack.kafka.stop();
        Awaits.holdOutage(stop, Duration.ofSeconds(15));
        stack.kafka.startAgain();
        Instant started = Instant.now();
        logins.subList(100, 200).forEach(login -> stack.send(new UserJoinedBusiness("u-" + login, login, business), Instant.now()));

        String grant = "\"GH_BIZ_" + business + "_PUBLIC\" TO ROLE \"GH_USER_";
        // drained: Snowflake holds every grant and each is recorded (a chunk is audited just after it ran)
        Duration recovery = Awaits.until(DRAIN, () -> stack.members(business).equals(new HashSet<>(logins))
                && stack.audited(grant).size() == logins.size());
        RecoveryTimes.record("Kafka broker restarted", Duration.between(stop, started), "200 joins", recovery);
        assertThat(stack.statementsRun(grant)).hasSize(200).allSatisfy((sql, n) -> assertThat(n).as(sql).isOne());
        assertThat(stack.audited(grant)).hasSize(200).allSatisfy((sql, n) -> assertThat(n).as(sql).isOne());
        assertThat(stack.deadLetters()).isZero();
    }

    @Test
    void aJoinReplayedAfterTheLeaveWithAnOlderTimeGivesNoAccess() throws Exception {
        String business = "REPLAY";
        stack.publishTable("REPLAY", "T", "replay_tables", business);
        stack.publishTable("REPLAY2", "T", "replay2_tables", business + "2");
        stack.users(List.of("ADA_R"));
        Instant joined = Instant.now().minusSeconds(60);
        stack.send(new UserJoinedBusiness("u-ada", "ADA_R", business), joined);
        stack.send(new UserLeftBusiness("u-ada", "ADA_R", business), joined.plusSeconds(30));
        // the HR system re-sends the old join under a new id (or an operator replays it)
        stack.send(new UserJoinedBusiness("u-ada", "ADA_R", business), joined.plusSeconds(10));
        // a later fact about the same person, on the same key: once it is applied, the replay was too
        stack.send(new UserJoinedBusiness("u-ada", "ADA_R", business + "2"), Instant.now());
        Awaits.until(Duration.ofMinutes(1), () -> stack.members(business + "2").contains("ADA_R"));
        assertThat(stack.members(business)).doesNotContain("ADA_R");
    }
}
