package io.gatehouse.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Order;

/**
 * The grant-service process killed with SIGKILL in the middle of a first apply of about 5,000 statements, then
 * started again on the same database: it resumes from what it recorded, reaches the desired state, and the audit
 * shows no statement twice.
 */
@Order(3)
@ResourceLock(GrantStack.DATABASE)
class KilledApplyIT {

    /** 17 statements and 5 per member: a first apply of 6,267 statements. */
    private static final int MEMBERS = 1250;
    private static GrantStack stack;

    @BeforeAll
    static void start() throws Exception {
        // small chunks, so a kill lands between recorded chunks with thousands of statements still to go
        stack = new GrantStack(Map.of("GATEHOUSE_GRANT_APPLY_CHUNK_SIZE", "100"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aProcessKilledMidApplyResumesWhereItStoppedAfterTheRestart() throws Exception {
        List<String> members = GrantStack.logins("K", MEMBERS);
        stack.users(members);
        // a statement costs what it costs over the network to a real account: the apply lasts long enough to be cut
        stack.snowflake.setStatementLatency(Duration.ofMillis(4));
        String body = members.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(",", "{\"members\":[", "]}"));
        String changeId = given().auth().oauth2(stack.token()).contentType("application/json").body(body)
                .put(stack.grant.baseUrl() + "/shared-schemas/RAW.KILLED").then().statusCode(202).extract().path("changeId");

        Awaits.until(Duration.ofMinutes(3), () -> audited(changeId) >= 1000);
        stack.grant.kill();
        long recordedAtKill = audited(changeId);
        assertThat(recordedAtKill).as("progress recorded before the end of the job").isBetween(1000L, 4500L);

        Instant restart = Instant.now();
        stack.grant.restart().awaitReady(Duration.ofSeconds(120));
        Duration recovery = Awaits.until(Duration.ofMinutes(5), () -> "DONE".equals(jobStatus(changeId)));
        assertThat(stack.snowflake.executeAsAdmin("SHOW GRANTS OF ROLE GH_SS_RAW_KILLED").stream()
                .filter(row -> row.get("grantee_name").startsWith("GH_USER_K_"))).hasSize(MEMBERS);
        RecoveryTimes.record("grant-service SIGKILL mid-apply, restarted", Duration.between(restart, Instant.now()).minus(recovery),
                audited(changeId) + " statements, " + recordedAtKill + " recorded at the kill", recovery);

        assertThat(twiceAudited(changeId)).as("statements audited twice").isEmpty();
        // per member: its user role created, granted to the parent, given the schema role, granted to the user, and the
        // user's DEFAULT_ROLE set to it
        assertThat(audited(changeId)).isEqualTo(17 + 5 * MEMBERS);
        // at most the chunk in flight at the kill ran twice in Snowflake (idempotent there), and it was audited once
        long rerun = stack.statementsRun("\"GH_USER_K_").values().stream().filter(n -> n > 1).count();
        assertThat(rerun).isLessThanOrEqualTo(100);
    }

    private static String jobStatus(String changeId) throws Exception {
        try (Connection c = stack.databases.connect(GrantStack.DATABASE);
             PreparedStatement s = c.prepareStatement("select status from apply_job where event_id = ?")) {
            s.setString(1, changeId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long audited(String changeId) throws Exception {
        try (Connection c = stack.databases.connect(GrantStack.DATABASE);
             PreparedStatement s = c.prepareStatement("select count(*) from audit_entry where event_id = ? and outcome = 'OK'")) {
            s.setString(1, changeId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> twiceAudited(String changeId) throws Exception {
        try (Connection c = stack.databases.connect(GrantStack.DATABASE);
             PreparedStatement s = c.prepareStatement("select statement from audit_entry where event_id = ? and outcome = 'OK'"
                     + " group by statement having count(*) > 1")) {
            s.setString(1, changeId);
            try (ResultSet rs = s.executeQuery()) {
                List<String> twice = new java.util.ArrayList<>();
                while (rs.next()) {
                    twice.add(rs.getString(1));
                }
                return twice;
            }
        }
    }
}
