package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.grant.persistence.AuditEntry;
import io.gatehouse.grant.persistence.AuditOutcome;
import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end (real broker, sandbox through snowflake-jdbc): Snowflake forgets every session (a restart) while the
 * service holds pooled connections; the next joins are applied and a full drift check answers, on new logins.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class LostSessionTest extends StoryBase {

    static final Duration ONE_MINUTE = Duration.ofMinutes(1);

    @Test
    void joinsAndTheDriftCheckGoOnAfterSnowflakeForgetsThePooledSessions() {
        SnowflakeSandbox sandbox = Snowflake.sandbox();
        String db = unique("DB");
        String biz = unique("BIZ");
        String before = unique("U");
        Snowflake.table(db, "S", "T");
        Snowflake.user(before);
        send(new TableAdded(db, "S", "T", unique("grp"), List.of(biz), null, null));
        send(new UserJoinedBusiness("id-" + before, before, biz));
        await().atMost(WAIT).until(() -> canRead(before, db + ".S.T"));
        fullDriftAnswers();   // the pool now holds logged-in connections

        List<String> after = List.of(unique("U"), unique("U"));
        after.forEach(Snowflake::user);
        sandbox.forgetSessions();
        long forgotten = System.nanoTime();
        List<String> eventIds = after.stream().map(u -> send(new UserJoinedBusiness("id-" + u, u, biz)).id()).toList();

        await().atMost(ONE_MINUTE).until(() -> after.stream().allMatch(u -> canRead(u, db + ".S.T")));
        long appliedMs = (System.nanoTime() - forgotten) / 1_000_000;
        boolean sawLostSession = QuarkusTransaction.requiringNew().call(() -> eventIds.stream().anyMatch(id ->
                AuditEntry.<AuditEntry>list("eventId = ?1", id).stream().anyMatch(e -> e.outcome == AuditOutcome.FAILED)));
        Log.infof("joins applied %d ms after Snowflake forgot its sessions (a pooled session failed first: %s)",
                appliedMs, sawLostSession);

        sandbox.forgetSessions();
        long forgottenAgain = System.nanoTime();
        fullDriftAnswers();
        Log.infof("full drift check answered %d ms after Snowflake forgot its sessions",
                (System.nanoTime() - forgottenAgain) / 1_000_000);
    }

    /** The first answer counts: a lost session must not turn into an error for the caller. */
    private static void fullDriftAnswers() {
        assertTimeoutPreemptively(ONE_MINUTE, () -> assertThat(
                given().auth().oauth2(TestTokens.ops()).when().get("/drift").statusCode()).isEqualTo(200));
    }
}
